// "On time", as the server defines it (src/reports/on-time.ts): one help text for every view that shows the rate.
export const ON_TIME_HELP = 'completed by the due date ÷ tasks completed';

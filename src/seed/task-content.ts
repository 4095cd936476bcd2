import type { FlowName } from './seed-catalog.ts';

import type { BuiltinTouchpointType as TouchType } from '../touchpoints/types/builtin.ts';
type FlowContent = {
  titles: string[];
  outcomes: string[];
  details: string[];
  touchpoints: TouchType[];
};

/** What demo tasks of each flow are about, which outcomes they offer, how they were followed up. */
export const flowContent: Record<FlowName, FlowContent> = {
  Onboarding: {
    titles: [
      'Schedule the kickoff call',
      'Send the welcome pack',
      'Confirm the technical contact',
      'Run admin training',
      'Verify the SSO setup',
      'Agree on the success plan',
    ],
    outcomes: ['Kickoff held', 'Rescheduled', 'No further action'],
    details: [
      'Walk the customer through the first 30 days and agree on owners.',
      'Make sure every admin has access and knows where to get help.',
    ],
    touchpoints: ['meeting', 'call', 'email'],
  },
  Adoption: {
    titles: [
      'Review feature usage with the team',
      'Share the best-practice guide',
      'Run a reporting workshop',
      'Check license utilisation',
      'Invite to the customer webinar',
    ],
    outcomes: ['Adoption improving', 'Needs training', 'No further action'],
    details: [
      'Usage of the core module is below the benchmark for their size.',
      'Three teams have not logged in for two weeks.',
    ],
    touchpoints: ['call', 'email', 'note'],
  },
  Renewal: {
    titles: [
      'Prepare the renewal proposal',
      'Confirm the budget owner',
      'Send the renewal quote',
      'Hold the renewal call',
      'Collect the signed order form',
    ],
    outcomes: ['Renewed', 'Renewal at risk', 'Churned'],
    details: [
      'The renewal date is coming up; confirm scope, price and signatories.',
      'Procurement asked for the updated terms before the end of the quarter.',
    ],
    touchpoints: ['call', 'meeting', 'email'],
  },
  Risk: {
    titles: [
      'Call the champion about the usage drop',
      'Escalate the open support tickets',
      'Draft a recovery plan',
      'Executive check-in',
      'Follow up on the detractor NPS response',
    ],
    outcomes: ['Risk mitigated', 'Escalated', 'Churn expected'],
    details: [
      'Health turned poor after the last release; find out what changed.',
      'The champion left the company; identify a new sponsor.',
    ],
    touchpoints: ['call', 'meeting', 'note'],
  },
  Expansion: {
    titles: [
      'Pitch the analytics add-on',
      'Identify new departments',
      'Share the expansion ROI case',
      'Set up a trial of the new module',
    ],
    outcomes: ['Upsell opportunity', 'Not now', 'Closed won'],
    details: [
      'They are close to their license limit and asked about volume pricing.',
      'A sister company is evaluating a competitor.',
    ],
    touchpoints: ['email', 'meeting', 'call'],
  },
};

/** A sanitized-style rich-text description (only tags the task sanitizer keeps). */
export function describe(detail: string, accountName: string): string {
  return `<p>${escapeHtml(detail)}</p><ul><li>Account: <strong>${escapeHtml(accountName)}</strong></li><li>Log what you agreed as a touchpoint.</li></ul>`;
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

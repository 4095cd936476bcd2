// Task priorities, most urgent first: the server's work order (src/tasks/priority.ts).
export const priorities = ['high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];

/** Choices for a priority select, in work order, in words ("Normal", not the code "normal"). */
export const priorityOptions = priorities.map((value) => ({
  value,
  label: value[0]!.toUpperCase() + value.slice(1),
}));

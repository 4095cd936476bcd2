// What other features use from plays (its subfolders are private to it).
export { AssigneeRuleFields } from './components/AssigneeRuleFields';
export { RunPlayMenu } from './components/RunPlayMenu';
export { AccountJourneys } from './journey';

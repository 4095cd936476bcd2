// What other features use from tasks (its subfolders are private to it).
export { TaskTable } from './components/TaskTable';
export { WorkList } from './components/WorkList';

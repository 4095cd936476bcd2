export { AddDataButton, type MergeDestination } from './AddDataButton';
export { MergeTextInput } from './MergeTextInput';

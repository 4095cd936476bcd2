export { AddDataButton, type MergeDestination, type MergeSubject } from './AddDataButton';
export { MergeTextInput } from './MergeTextInput';

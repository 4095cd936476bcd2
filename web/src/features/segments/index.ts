// What other features use from segments (its subfolders are private to it).
export { CriteriaBuilder, criteriaRowErrors } from './components/CriteriaBuilder';
export { SegmentPreview } from './components/SegmentPreview';

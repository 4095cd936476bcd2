export { FeedBell } from './FeedBell';

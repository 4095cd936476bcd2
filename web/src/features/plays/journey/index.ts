// The journey builder's entry points for the play form (this folder is private to plays).
export { JourneySection } from './JourneySection';
export { isJourneyPlay, journeyBody, journeyDraftOf } from './draft';
export { journeyErrorTargets, withoutErrorsUnder } from './errors';
export type { JourneyDraft } from './types';
export { JourneysTab } from './JourneysTab';
export { StillRunningBanner } from './StillRunningBanner';
export { AccountJourneys } from './AccountJourneys';

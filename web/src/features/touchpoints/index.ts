export {
  ParticipantsSelect,
  TouchpointTypeSelect,
  contactParticipant,
  participantIds,
} from './fields';
export {
  useAddTouchpointType,
  useTouchpointTypes,
  useUpdateTouchpointType,
  type TouchpointTypeItem,
} from './api';

// A journey opened from a list: the journey view in a drawer (full screen on a phone).
import { Drawer } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { JourneyView } from './JourneyView';

export function JourneyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const phone = useMediaQuery('(max-width: 600px)');
  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title="Journey"
    >
      {id && <JourneyView id={id} />}
    </Drawer>
  );
}

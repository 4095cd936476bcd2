// "Add step" between two steps: an action of any kind, a wait, a wait-until, a branch, a go-to or an end.
import { Button, Menu } from '@mantine/core';
import { journeyStepTypeLabels } from '@/lib/labels';
import { actionLabel, actionTypes } from '../actions/registry';
import { newStep } from './tree';
import type { Step } from './types';

const otherTypes = ['wait', 'wait_until', 'branch', 'go_to', 'end'] as const;

export function AddStepMenu({ where, onAdd }: { where: string; onAdd: (s: Step) => void }) {
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" w="fit-content" aria-label={`Add step ${where}`}>
          + Add step
        </Button>
      </Menu.Target>
      {/* Kept short enough to fit beside its button, so it never needs the page to scroll. */}
      <Menu.Dropdown mah={340} style={{ overflowY: 'auto' }}>
        <Menu.Label>Action</Menu.Label>
        {actionTypes.map((t) => (
          <Menu.Item key={t} onClick={() => onAdd(newStep('action', t))}>
            {actionLabel(t)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Label>Flow</Menu.Label>
        {otherTypes.map((t) => (
          <Menu.Item key={t} onClick={() => onAdd(newStep(t))}>
            {journeyStepTypeLabels[t]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

// One play action in the play form: its heading, whole-action problems, and the kind's own editor
// (actions/<kind>/Editor.tsx, found through actions/registry.ts). Field errors arrive keyed by the action's field path.
import { ActionIcon, Badge, Group, Paper, Text } from '@mantine/core';
import type { Action } from '../types';
import { actionKind, actionLabel } from '../actions/registry';

type Props = {
  action: Action;
  index: number;
  onChange: (a: Action) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  playId?: string;
  manual: boolean;
  /** The play places one task per qualifying child on its parent: post-completion updates may target the child. */
  perChild?: boolean;
  subject?: 'accounts' | 'contacts';
};

export function ActionEditor({
  action,
  index,
  onChange,
  onRemove,
  errors,
  playId,
  manual,
  perChild,
  subject,
}: Props) {
  const kind = actionKind(action.type);
  const label = actionLabel(action.type);
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Action ${index + 1}: ${label}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Badge variant="light">{index + 1}</Badge>
          <Text fw={600}>{label}</Text>
        </Group>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove action ${index + 1}`}
          onClick={onRemove}
        >
          ✕
        </ActionIcon>
      </Group>
      {manual && !kind.manual && (
        <Text size="sm" c="orange.9" mb="xs">
          Manual plays can only create tasks and request information.
        </Text>
      )}
      {errors[''] && (
        <Text size="sm" c="red.8" role="alert" mb="xs">
          {errors['']}
        </Text>
      )}
      <kind.Editor
        action={action}
        onChange={onChange}
        errors={errors}
        playId={playId}
        perChild={perChild}
        subject={subject}
      />
    </Paper>
  );
}

// A branch's paths drawn side by side as lanes (stacked below 600 px), each with its name, its
// condition and its own list of steps, plus the "otherwise" lane. The first path that matches is taken.
import { ActionIcon, Box, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useJourney } from './context';
import { ConditionFields } from './StepFields';
import { newPath } from './tree';
import type { BranchPath, Step, StepOf } from './types';

type Props = {
  step: StepOf<'branch'>;
  path: string;
  errors: Record<string, string>;
  editing: boolean;
  onChange: (s: Step, field?: string) => void;
};

const MAX_PATHS = 5;

export function BranchLanes({ step, path, errors, editing, onChange }: Props) {
  const j = useJourney();
  const wide = useMediaQuery('(min-width: 600px)', true);
  const setPath = (i: number, p: BranchPath, field?: string) =>
    onChange(
      { ...step, paths: step.paths.map((x, k) => (k === i ? p : x)) },
      field ? `paths.${i}.${field}` : undefined,
    );
  const lane = (title: string, key: string, children: React.ReactNode) => (
    <Paper
      key={key}
      withBorder
      p="xs"
      role="group"
      aria-label={title}
      // 240 px: a branch's three paths and its Otherwise lane fit side by side on a laptop.
      style={wide ? { flex: '1 0 240px', minWidth: 240 } : undefined}
      bg="var(--mantine-color-gray-0)"
    >
      {children}
    </Paper>
  );
  return (
    <Stack gap="xs" mt="xs">
      {(errors['paths'] || errors['otherwise']) && (
        <Text size="sm" c="red.8" role="alert">
          {errors['paths'] ?? errors['otherwise']}
        </Text>
      )}
      <Box
        // Lanes side by side scroll sideways when they do not fit; the region is focusable for keyboards.
        tabIndex={wide ? 0 : undefined}
        role={wide ? 'region' : undefined}
        aria-label={wide ? `Paths of the branch ‘${step.name ?? 'Branch'}’` : undefined}
        style={
          wide
            ? { display: 'flex', gap: 8, overflowX: 'auto', alignItems: 'flex-start' }
            : { display: 'flex', flexDirection: 'column', gap: 8 }
        }
      >
        {step.paths.map((p, i) =>
          lane(
            `Path ‘${p.label}’`,
            p.id,
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" gap={4}>
                <Text size="sm" fw={600}>
                  {i + 1}. {p.label || 'Unnamed path'}
                </Text>
                {step.paths.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Delete path ‘${p.label}’`}
                    onClick={() => {
                      j.clearErrors(path);
                      onChange({ ...step, paths: step.paths.filter((_, k) => k !== i) });
                    }}
                  >
                    ✕
                  </ActionIcon>
                )}
              </Group>
              {errors[`paths.${i}`] && (
                <Text size="sm" c="red.8" role="alert">
                  {errors[`paths.${i}`]}
                </Text>
              )}
              {(editing || errors[`paths.${i}.label`] || errors[`paths.${i}.when`]) && (
                <>
                  <TextInput
                    label="Path name"
                    value={p.label}
                    error={errors[`paths.${i}.label`]}
                    onChange={(e) => setPath(i, { ...p, label: e.currentTarget.value }, 'label')}
                  />
                  <ConditionFields
                    label="Take this path when"
                    path={path}
                    value={p.when}
                    error={errors[`paths.${i}.when`]}
                    onChange={(when) => setPath(i, { ...p, when }, 'when')}
                  />
                </>
              )}
              <j.StepList
                steps={p.steps}
                path={`${path}.paths.${i}.steps`}
                lane={`‘${p.label}’`}
                onChange={(steps, moved) => {
                  if (moved) j.clearErrors(`${path}.paths.${i}`);
                  setPath(i, { ...p, steps });
                }}
              />
            </Stack>,
          ),
        )}
        {lane(
          'Otherwise',
          'otherwise',
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              Otherwise
            </Text>
            <j.StepList
              steps={step.otherwise}
              path={`${path}.otherwise`}
              lane="‘Otherwise’"
              onChange={(otherwise, moved) => {
                if (moved) j.clearErrors(`${path}.otherwise`);
                onChange({ ...step, otherwise });
              }}
            />
          </Stack>,
        )}
      </Box>
      {editing && step.paths.length < MAX_PATHS && (
        <Button
          variant="light"
          size="compact-sm"
          w="fit-content"
          onClick={() =>
            onChange({ ...step, paths: [...step.paths, newPath(step.paths.length + 1)] })
          }
        >
          Add path
        </Button>
      )}
    </Stack>
  );
}

// "Columns": which attribute and role columns the accounts list shows (remembered per user).
import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import type { ListColumn } from './columns';

export function ColumnsMenu({
  columns,
  chosen,
  onChange,
}: {
  columns: ListColumn[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <Popover position="bottom-end" shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default">Columns{chosen.length ? ` (${chosen.length})` : ''}</Button>
      </Popover.Target>
      <Popover.Dropdown mah={420} style={{ overflowY: 'auto' }}>
        {columns.length === 0 ? (
          <Text size="sm" c="dimmed">
            No attributes or roles are defined yet.
          </Text>
        ) : (
          <Checkbox.Group
            label="Show columns"
            value={chosen}
            // Keep the order of the definitions, whatever order they were ticked in.
            onChange={(ids) => onChange(columns.map((c) => c.id).filter((id) => ids.includes(id)))}
          >
            <Stack gap={6} mt="xs">
              {columns.map((c) => (
                <Checkbox
                  key={c.id}
                  value={c.id}
                  label={c.kind === 'role' ? `${c.label} (role)` : c.label}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

// A record's tags as small badges, wrapping onto more lines in a narrow column (never cut: see the theme).
import { Badge, Group } from '@mantine/core';

export function TagBadges({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <Group gap={4}>
      {tags.map((t) => (
        <Badge key={t} size="xs" variant="light">
          {t}
        </Badge>
      ))}
    </Group>
  );
}

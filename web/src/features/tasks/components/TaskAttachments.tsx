// The task's files in the task panel: name (a download through the access-checked route) and size.
import { Anchor, Divider, List, Text } from '@mantine/core';
import { downloadPath, useTaskAttachments } from '@/features/accounts/api';
import { formatFileSize } from '@/lib/file-size';

export function TaskAttachments({ accountId, taskId }: { accountId: string; taskId: string }) {
  const files = useTaskAttachments(accountId, taskId);
  if (!files.data?.length) return null;
  return (
    <>
      <Divider label="Attachments" labelPosition="left" />
      <List size="sm" spacing={4} aria-label="Attachments">
        {files.data.map((f) => (
          <List.Item key={f.id}>
            <Anchor href={downloadPath(f.id)} download={f.filename}>
              {f.filename}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {formatFileSize(f.sizeBytes)}
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}

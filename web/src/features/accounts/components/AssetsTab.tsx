// Assets: files on the account, including those attached to its tasks and touchpoints.
import { useState } from 'react';
import { Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { formatFileSize } from '@/lib/file-size';
import { downloadPath, useAttachments, useUploadAttachment } from '../api';

export function AssetsTab({ accountId }: { accountId: string }) {
  const files = useAttachments(accountId);
  const upload = useUploadAttachment();
  const [picked, setPicked] = useState<File | null>(null);
  const send = () =>
    picked &&
    upload.mutate(
      { accountId, file: picked },
      {
        onSuccess: () => {
          setPicked(null);
          notifications.show({ color: 'teal', message: 'File uploaded' });
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Upload failed', message: errorMessage(e) }),
      },
    );
  return (
    <Stack>
      <Group align="flex-end">
        <FileInput
          label="Upload a file"
          placeholder="Choose a file"
          value={picked}
          onChange={setPicked}
          clearable
          w={320}
        />
        <Button onClick={send} disabled={!picked} loading={upload.isPending}>
          Upload
        </Button>
      </Group>
      {files.isPending ? (
        <Loading label="Loading assets" />
      ) : files.isError ? (
        <ErrorState error={files.error} />
      ) : files.data.length === 0 ? (
        <EmptyState title="No assets">
          Files attached to tasks and touchpoints, or uploaded here, appear here.
        </EmptyState>
      ) : (
        <Table aria-label="Assets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>Added</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.data.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <Anchor href={downloadPath(f.id)} download={f.filename}>
                    {f.filename}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatFileSize(f.sizeBytes)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {f.taskId ? 'Task' : f.touchpointId ? 'Touchpoint' : 'Upload'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatTime(f.createdAt)}
                  {f.uploadedBy ? ` · ${f.uploadedBy.name}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

// Files chosen in a dialog (Add task, Log touchpoint) and sent once the record exists: they land in the
// account's assets, linked to that record. One field and one upload loop for every such dialog.
import { FileInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';

export function AttachmentsField({
  value,
  onChange,
}: {
  value: File[];
  onChange: (files: File[]) => void;
}) {
  return (
    <FileInput
      label="Attachments"
      multiple
      clearable
      placeholder="Add files (saved to the account's assets)"
      clearButtonProps={{ 'aria-label': 'Remove the chosen files' }}
      value={value}
      onChange={onChange}
    />
  );
}

/** Uploads the files one by one; a file that fails is named in a notice and the others still go. */
export async function uploadFiles(
  files: File[],
  uploadOne: (file: File) => Promise<unknown>,
  onProgress?: (percent: number) => void,
): Promise<void> {
  for (const [i, file] of files.entries()) {
    onProgress?.(Math.round((i / files.length) * 100));
    try {
      await uploadOne(file);
    } catch (err) {
      notifications.show({
        color: 'red',
        title: `Could not attach ${file.name}`,
        message: (err as Error).message,
      });
    }
  }
}

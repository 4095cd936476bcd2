// Rich-text input (bold, lists, links, images by URL) built on Mantine's Tiptap editor; value is HTML.
import { useEffect, useId, type ReactNode } from 'react';
import { Input } from '@mantine/core';
import { RichTextEditor, Link } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { AddDataButton, type MergeDestination, type MergeSubject } from './merge-fields';

type Props = {
  label: string;
  value: string;
  onChange: (html: string) => void;
  error?: string | null;
  required?: boolean;
  description?: string;
  minHeight?: number;
  /** An action shown above the editor (e.g. "Draft with AI"). */
  action?: ReactNode;
  /** Replaces the editor's content from outside (a drafted text); changes of this value apply once each. */
  replaceWith?: string | null;
  /** Text with merge fields: an "Add data" button inserts a field at the cursor. */
  mergeDestination?: MergeDestination;
  mergeSubject?: MergeSubject;
};

export function RichTextField({
  label,
  value,
  onChange,
  error,
  required,
  description,
  minHeight = 120,
  action,
  replaceWith,
  mergeDestination,
  mergeSubject,
}: Props) {
  const id = useId();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: false }),
      Link.configure({ openOnClick: false, protocols: ['http', 'https', 'mailto'] }),
    ],
    content: value,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(required ? { 'aria-required': 'true' } : {}),
        ...(error ? { 'aria-invalid': 'true' } : {}),
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
  });
  // Follow outside resets (e.g. the form was cleared) without fighting the user's typing.
  useEffect(() => {
    if (editor && value === '' && !editor.isEmpty) editor.commands.clearContent();
  }, [editor, value]);
  useEffect(() => {
    if (editor && replaceWith) {
      editor.commands.setContent(replaceWith);
      onChange(editor.isEmpty ? '' : editor.getHTML());
    }
  }, [editor, replaceWith]); // eslint-disable-line react-hooks/exhaustive-deps -- apply each new text once, not on every onChange identity
  return (
    <Input.Wrapper
      label={label}
      required={required}
      error={error}
      description={description}
      labelProps={{ htmlFor: id }}
    >
      {(action || mergeDestination) && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginBottom: 4 }}>
          {mergeDestination && (
            <AddDataButton
              destination={mergeDestination}
              subject={mergeSubject}
              fieldLabel={label}
              onPick={(text) => editor?.chain().focus().insertContent(text).run()}
            />
          )}
          {action}
        </div>
      )}
      <RichTextEditor editor={editor} style={{ minHeight }}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
            <RichTextEditor.Underline />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content />
      </RichTextEditor>
    </Input.Wrapper>
  );
}

/** Shows server-sanitized HTML (the API sanitizes rich text on write). */
export function RichTextView({ html }: { html: string }) {
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

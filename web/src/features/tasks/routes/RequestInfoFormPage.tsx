// A request-information task opened: its form, pre-filled with the account's current values; submitting completes it.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, FormErrors, Loading } from '@/components/feedback';
import { RichTextView } from '@/components/RichTextField';
import { fieldErrors } from '@/lib/form-errors';
import { formatDay } from '@/lib/dates';
import { useAccount } from '@/features/accounts/api';
import { useAttributeDefs, useForms } from '@/features/lookups/api';
import { AttributeInput } from '@/features/lookups/AttributeInput';
import { useSubmitForm, useTask } from '../api';

export function RequestInfoFormPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const task = useTask(id);
  const account = useAccount(task.data?.account.id ?? '');
  const defs = useAttributeDefs('account');
  const forms = useForms();
  const submit = useSubmitForm(id);
  const [values, setValues] = useState<Record<string, unknown> | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const fields = task.data?.form?.fields ?? [];
  // Start from the account's current values once both have loaded.
  useEffect(() => {
    if (values === null && account.data && task.data?.form) {
      setValues(
        Object.fromEntries(
          task.data.form.fields.map((f) => [
            f.attributeKey,
            account.data.attributes[f.attributeKey] ?? null,
          ]),
        ),
      );
    }
  }, [account.data, task.data, values]);

  if (task.isPending) return <Loading label="Loading the request" />;
  if (task.isError) return <ErrorState error={task.error} />;
  const t = task.data;
  if (t.kind !== 'request_info' || !t.form)
    return (
      <Alert color="orange">
        This task has no form.{' '}
        <Anchor component={Link} to={`/tasks?task=${t.id}`}>
          Open the task
        </Anchor>
        .
      </Alert>
    );

  const send = async () => {
    if (!values) return;
    const e: Record<string, string> = {};
    for (const f of fields)
      if (
        f.required &&
        (values[f.attributeKey] === null ||
          values[f.attributeKey] === '' ||
          values[f.attributeKey] === undefined)
      )
        e[f.attributeKey] = `${f.label} is required`;
    setErrs(e);
    setRest([]);
    if (Object.keys(e).length) return;
    try {
      await submit.mutateAsync({ version: t.version, values });
      notifications.show({ color: 'teal', message: 'Form submitted; the task is complete' });
      navigate(`/accounts/${t.account.id}`);
    } catch (err) {
      // Field paths arrive as body.values.<key> or attributes.<key>.
      const keys = fields.map((f) => f.attributeKey);
      const { byField, rest: other } = fieldErrors(
        err,
        [],
        Object.fromEntries(
          keys.flatMap((k) => [
            [`values.${k}`, k],
            [`attributes.${k}`, k],
          ]),
        ),
      );
      setErrs(byField);
      setRest(other);
    }
  };

  return (
    <>
      <PageHeader
        title={t.form.name}
        subtitle={
          <>
            Requested for{' '}
            <Anchor component={Link} to={`/accounts/${t.account.id}`}>
              {t.account.name}
            </Anchor>{' '}
            · due {formatDay(t.dueDate)}
            {t.assignedBy ? ` · from ${t.assignedBy.name}` : ''}
          </>
        }
      />
      {t.status === 'completed' ? (
        <Alert color="teal" title="Already submitted">
          This request was completed {t.completedBy ? `by ${t.completedBy.name}` : ''}.
        </Alert>
      ) : (
        <Paper withBorder p="md" maw={640}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void send();
            }}
            noValidate
            aria-label={t.form.name}
          >
            <Stack>
              {t.description && (
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    Message
                  </Text>
                  <RichTextView html={t.description} />
                </Stack>
              )}
              <FormErrors messages={rest} />
              {!values || forms.isPending ? (
                <Loading label="Loading the form" />
              ) : (
                fields.map((f) => {
                  // The form carries each field's attribute type; the definitions list is the fallback.
                  const typed = forms.data
                    ?.find((x) => x.id === t.form!.id)
                    ?.fields.find((x) => x.attributeKey === f.attributeKey);
                  const def = defs.data?.find((d) => d.key === f.attributeKey) ?? {
                    id: f.attributeKey,
                    entity: 'account' as const,
                    key: f.attributeKey,
                    label: f.label,
                    type: typed?.type ?? 'text',
                    enumValues: typed?.enumValues ?? null,
                    crmSynced: false,
                  };
                  return (
                    <AttributeInput
                      key={f.attributeKey}
                      def={def}
                      label={f.label}
                      required={f.required}
                      value={values[f.attributeKey]}
                      error={errs[f.attributeKey]}
                      onChange={(v) => setValues((x) => ({ ...x, [f.attributeKey]: v }))}
                    />
                  );
                })
              )}
              <Group justify="flex-end">
                <Button variant="default" component={Link} to={`/accounts/${t.account.id}`}>
                  Cancel
                </Button>
                <Button type="submit" loading={submit.isPending}>
                  Submit
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </>
  );
}

// One segment (or a new one): name, subject, criteria builder with a live preview, and the Work view.
import { useState } from 'react';
import {
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Tabs,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, FormErrors, Loading } from '@/components/feedback';
import { ApiError, errorMessage } from '@/lib/api-client';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useDeleteSegment, useSaveSegment, useSegment } from '../api';
import { CriteriaBuilder, criteriaRowErrors } from '../components/CriteriaBuilder';
import { SegmentPreview } from '../components/SegmentPreview';
import { WorkList } from '@/features/tasks';
import type { Criteria, Segment, Subject } from '../types';

function Editor({ segment }: { segment: Segment | null }) {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const save = useSaveSegment(segment?.id ?? null);
  const del = useDeleteSegment(segment?.id ?? '');
  const [name, setName] = useState(segment?.name ?? '');
  const [subject, setSubject] = useState<Subject>(segment?.subject ?? 'accounts');
  const [criteria, setCriteria] = useState<Criteria | null>(segment?.criteria ?? null);
  const [errs, setErrs] = useState<{ name?: string; rows: Record<number, string>; rest: string[] }>(
    { rows: {}, rest: [] },
  );
  const [tab, setTab] = useState<string | null>('criteria');
  const editable = canManagePlays(me);

  const submit = async () => {
    if (!name.trim()) {
      setErrs({ name: 'Name the segment', rows: {}, rest: [] });
      return;
    }
    if (!criteria) {
      setErrs({ rows: {}, rest: ['Add at least one condition.'] });
      return;
    }
    try {
      const s = await save.mutateAsync({ name: name.trim(), subject, criteria });
      setErrs({ rows: {}, rest: [] });
      notifications.show({ color: 'teal', message: 'Segment saved' });
      if (!segment) navigate(`/segments/${s.id}`, { replace: true });
    } catch (err) {
      const details = err instanceof ApiError ? err.details : [];
      const nameErr = details.find((d) => d.path.endsWith('name'))?.message;
      const { rows, rest } = criteriaRowErrors(details.filter((d) => !d.path.endsWith('.name')));
      setErrs({
        name: nameErr,
        rows,
        rest: rest.length || Object.keys(rows).length || nameErr ? rest : [errorMessage(err)],
      });
    }
  };

  const builder = (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack>
          <FormErrors messages={errs.rest} />
          <Group align="flex-end">
            <TextInput
              label="Name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errs.name}
              w={320}
              disabled={!editable}
            />
            <SegmentedControl
              aria-label="Subject"
              value={subject}
              onChange={(v) => {
                setSubject(v as Subject);
                setCriteria(null);
              }}
              disabled={Boolean(segment) || !editable}
              data={[
                { value: 'accounts', label: 'Accounts' },
                { value: 'contacts', label: 'Contacts' },
              ]}
            />
          </Group>
          <CriteriaBuilder
            subject={subject}
            value={criteria}
            onChange={setCriteria}
            errors={errs.rows}
            segmentId={segment?.id}
          />
          {editable && (
            <Group>
              <Button onClick={() => void submit()} loading={save.isPending}>
                Save segment
              </Button>
              {segment && (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    modals.openConfirmModal({
                      title: 'Delete this segment?',
                      labels: { confirm: 'Delete', cancel: 'Keep it' },
                      confirmProps: { color: 'red' },
                      onConfirm: () =>
                        del.mutate(undefined, {
                          onSuccess: () => navigate('/segments'),
                          onError: (e) =>
                            notifications.show({ color: 'red', message: errorMessage(e) }),
                        }),
                    })
                  }
                >
                  Delete
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Paper withBorder p="sm" component="section" aria-labelledby="preview-title">
          <Title order={2} size="h5" id="preview-title" mb="xs">
            Preview
          </Title>
          <SegmentPreview subject={subject} criteria={criteria} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
  return (
    <>
      <PageHeader
        title={segment ? segment.name : 'New segment'}
        subtitle={segment ? `Segment of ${segment.subject}` : 'Choose what to match, then save'}
      />
      {segment ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="criteria">Criteria</Tabs.Tab>
            <Tabs.Tab value="work">Work</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="criteria">{builder}</Tabs.Panel>
          <Tabs.Panel value="work">
            <WorkList scope={{ kind: 'segment', segmentId: segment.id }} bulk />
          </Tabs.Panel>
        </Tabs>
      ) : (
        builder
      )}
    </>
  );
}

export function SegmentPage() {
  const { id = 'new' } = useParams();
  const segment = useSegment(id === 'new' ? null : id);
  if (id === 'new') return <Editor key="new" segment={null} />;
  if (segment.isPending) return <Loading label="Loading segment" />;
  if (segment.isError) return <ErrorState error={segment.error} />;
  return <Editor key={segment.data.id} segment={segment.data} />;
}

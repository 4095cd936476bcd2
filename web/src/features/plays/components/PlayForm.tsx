// The play builder: name, description, owner, subject, trigger, criteria (custom or copied from a segment),
// hierarchy/contact options and the ordered actions. Errors from the API are shown where they belong.
import { useCallback, useState } from 'react';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  Menu,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { FormErrors } from '@/components/feedback';
import { ApiError } from '@/lib/api-client';
import {
  errorsUnder,
  formPath,
  mergeTargets,
  prefixTargets,
  routeErrorDetails,
  routeErrors,
  type ErrorTargets,
} from '@/lib/form-errors';
import { useMe } from '@/features/auth/api';
import { UserMultiSelect, UserSelect } from '@/features/lookups/pickers';
import { useSegments } from '@/features/segments/api';
import { CriteriaBuilder, criteriaRowErrors, SegmentPreview } from '@/features/segments';
import { useSavePlay, type PlaySave } from '../api';
import type { Action, Play, PlayDraft } from '../types';
import { ActionEditor } from './ActionEditor';
import { HoldoutField } from './HoldoutField';
import { actionKind, actionLabel, actionTypes, newAction } from '../actions/registry';
import { TriggerFields } from './TriggerFields';
import {
  JourneySection,
  journeyBody,
  journeyDraftOf,
  journeyErrorTargets,
  withoutErrorsUnder,
} from '../journey';

const draftOf = (p: Play | null, meId?: string): PlayDraft =>
  p
    ? {
        name: p.name,
        description: p.description,
        ownerUserId: p.ownerUserId,
        collaboratorIds: p.collaboratorIds,
        subject: p.subject,
        trigger: p.trigger,
        criteria: p.criteria,
        options: p.options ?? { hierarchy: null, contactGrouping: 'per_contact' },
        actions: p.actions,
        criteriaSource: 'custom',
        journey: journeyDraftOf(p),
      }
    : {
        name: '',
        description: '',
        ownerUserId: meId ?? null,
        collaboratorIds: [],
        subject: 'accounts',
        trigger: { type: 'enter' },
        criteria: null,
        options: { hierarchy: null, contactGrouping: 'per_contact' },
        actions: [newAction('create_task')],
        criteriaSource: 'custom',
        journey: journeyDraftOf(null),
      };

/** Drops what the API returns but does not take back (webhook credential flags). */
const actionOut = (a: Action): Action => {
  if (a.type !== 'webhook') return a;
  const { hasCredentials: _h, authType: _t, authHeader: _a, ...webhook } = a.webhook;
  return { ...a, webhook };
};

/** Every error path the builder shows next to an input for this draft; any other path goes to the general alert. */
function playErrorTargets(d: PlayDraft): ErrorTargets {
  return mergeTargets(
    {
      fields: [
        'name',
        'description',
        'ownerUserId',
        'collaboratorIds',
        'trigger',
        ...(d.criteriaSource === 'segment' ? ['fromSegmentId'] : []),
        // A plain play's holdout field sits in the options (a journey's in the journey section).
        ...(d.journey.on ? [] : ['holdoutPercent']),
      ],
      exact: ['actions', 'options'],
      aliases:
        d.subject === 'accounts'
          ? { 'options.hierarchy': 'options' }
          : { 'options.contactGrouping': 'options' },
    },
    ...d.actions.map((a, i) => prefixTargets(`actions.${i}`, actionKind(a.type).errorTargets(a))),
    journeyErrorTargets(d.journey),
  );
}

/** Draft fields whose errors belong to the field itself (not to rows or steps inside it). */
const ownFields = new Set([
  'name',
  'description',
  'ownerUserId',
  'collaboratorIds',
  'trigger',
  'fromSegmentId',
]);

const isCriteriaPath = (path: string) => /^criteria(\.|$)/.test(formPath(path));

export function PlayForm({ play }: { play: Play | null }) {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const save = useSavePlay(play?.id ?? null);
  const segments = useSegments();
  const [d, setD] = useState<PlayDraft>(() => draftOf(play, me?.id));
  // The play this draft was loaded from. Enable/disable bumps the version without touching what the form
  // edits: unsaved edits are kept and saved against the new version. If the content changed elsewhere,
  // the edits are kept against the old version, so saving answers a conflict instead of overwriting.
  const [base, setBase] = useState(play);
  if (play && base && play.version !== base.version) {
    const same = (a: Play, b: Play) => JSON.stringify(draftOf(a)) === JSON.stringify(draftOf(b));
    if (JSON.stringify(d) === JSON.stringify(draftOf(base, me?.id))) {
      setD(draftOf(play, me?.id));
      setBase(play);
    } else if (same(play, base)) setBase(play);
  }
  const [fieldErrs, setFieldErrs] = useState<Record<string, string>>({});
  const [rowErrs, setRowErrs] = useState<Record<number, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const manual = d.trigger.type === 'manual';

  const clearErrors = useCallback(
    (path: string) => setFieldErrs((x) => withoutErrorsUnder(x, path)),
    [],
  );
  // An error goes as soon as its field is edited, so a fixed field never keeps a stale message
  // (actions and journey steps clear theirs field by field, below and in the journey builder).
  const set = (patch: Partial<PlayDraft>) => {
    setD((x) => ({ ...x, ...patch }));
    for (const k of Object.keys(patch)) if (ownFields.has(k)) clearErrors(k);
  };
  const changeAction = (i: number, next: Action) => {
    const prev = d.actions[i] as Record<string, unknown> | undefined;
    const after = next as Record<string, unknown>;
    for (const k of new Set([...Object.keys(prev ?? {}), ...Object.keys(after)]))
      if (JSON.stringify(prev?.[k]) !== JSON.stringify(after[k])) clearErrors(`actions.${i}.${k}`);
    setActions(
      d.actions.map((x, j) => (j === i ? next : x)),
      false,
    );
  };
  const markedFields = Object.keys(fieldErrs).length + Object.keys(rowErrs).length;
  // Errors of removed or moved actions would land on the wrong action: drop them.
  const setActions = (actions: Action[], moved: boolean) => {
    setD((x) => ({ ...x, actions }));
    // Only the list's own error ("add an action"); each action's errors clear field by field.
    setFieldErrs((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'actions')));
    if (moved)
      setFieldErrs((x) =>
        Object.fromEntries(Object.entries(x).filter(([k]) => !k.startsWith('actions.'))),
      );
  };

  const submit = async () => {
    setFieldErrs({});
    setRowErrs({});
    setRest([]);
    const body: PlaySave = {
      name: d.name.trim(),
      description: d.description.trim(),
      ownerUserId: d.ownerUserId ?? undefined,
      collaboratorIds: d.collaboratorIds,
      trigger: d.trigger,
      options: d.options,
      ...journeyBody(d.journey, d.actions, actionOut),
      ...(d.criteriaSource === 'segment'
        ? { fromSegmentId: d.fromSegmentId }
        : { criteria: d.criteria }),
      ...(base ? { version: base.version } : { subject: d.subject }),
    };
    try {
      const saved = await save.mutateAsync(body);
      notifications.show({
        color: 'teal',
        message: saved.draft
          ? 'Draft saved: the play keeps running on the version in force until you publish it.'
          : 'Play saved',
      });
      if (!play) navigate(`/plays/${saved.id}`, { replace: true });
      else {
        setD(draftOf(saved));
        setBase(saved);
      }
    } catch (err) {
      // The draft stays as typed; only the errors change.
      if (err instanceof ApiError && err.code === 'version_conflict') {
        setRest([
          'Someone else changed this play since you opened it. Your edits are still here: copy what you need, reload the page, and apply them again.',
        ]);
        return;
      }
      const details = err instanceof ApiError ? err.details : [];
      const custom = d.criteriaSource === 'custom';
      const crit = criteriaRowErrors(custom ? details.filter((x) => isCriteriaPath(x.path)) : []);
      const routed =
        custom && details.length
          ? routeErrorDetails(
              details.filter((x) => !isCriteriaPath(x.path)),
              playErrorTargets(d),
            )
          : routeErrors(err, playErrorTargets(d));
      setFieldErrs(routed.byField);
      setRowErrs(crit.rows);
      setRest([...routed.rest, ...crit.rest]);
    }
  };

  return (
    <Stack>
      <Fieldset legend="What the play does">
        <Stack gap="xs">
          <TextInput
            label="Name"
            required
            value={d.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={fieldErrs.name}
          />
          <Textarea
            label="Description"
            required
            autosize
            minRows={2}
            value={d.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
            error={fieldErrs.description}
          />
          <Group grow align="flex-start">
            <UserSelect
              label="Overall accountability"
              value={d.ownerUserId}
              onChange={(v) => set({ ownerUserId: v })}
              error={fieldErrs.ownerUserId}
            />
            <UserMultiSelect
              label="Collaborators"
              value={d.collaboratorIds}
              onChange={(v) => set({ collaboratorIds: v })}
              error={fieldErrs.collaboratorIds}
            />
          </Group>
          <Radio.Group
            label="Records"
            value={d.subject}
            onChange={(v) =>
              set({
                subject: v as 'accounts',
                criteria: null,
                options: { hierarchy: null, contactGrouping: 'per_contact' },
              })
            }
          >
            <Group mt={4}>
              <Radio value="accounts" label="Accounts" disabled={Boolean(play)} />
              <Radio value="contacts" label="Contacts" disabled={Boolean(play)} />
            </Group>
          </Radio.Group>
          <TriggerFields
            value={d.trigger}
            onChange={(trigger) => set({ trigger })}
            playId={play?.id}
            error={fieldErrs.trigger}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend="Which records">
        <Stack gap="xs">
          <SegmentedControl
            aria-label="Criteria source"
            w="fit-content"
            value={d.criteriaSource}
            onChange={(v) => set({ criteriaSource: v as 'custom' })}
            data={[
              { value: 'custom', label: 'Custom criteria' },
              { value: 'segment', label: 'Copy from a segment' },
            ]}
          />
          {d.criteriaSource === 'segment' ? (
            <>
              <Select
                label="Segment"
                maw={360}
                value={d.fromSegmentId ?? null}
                onChange={(v) => set({ fromSegmentId: v ?? undefined })}
                error={fieldErrs.fromSegmentId}
                data={(segments.data ?? [])
                  .filter((s) => s.subject === d.subject)
                  .map((s) => ({ value: s.id, label: s.name }))}
              />
              <Alert color="blue">
                The segment's criteria are copied when you save; later changes to the segment do not
                change this play. To follow a segment live, use the “In segment” condition.
              </Alert>
            </>
          ) : (
            <>
              {play?.sourceSegmentId && (
                <Alert color="gray">These criteria were copied from a segment.</Alert>
              )}
              <CriteriaBuilder
                subject={d.subject}
                value={d.criteria}
                onChange={(criteria) => set({ criteria })}
                errors={rowErrs}
              />
              <SegmentPreview subject={d.subject} criteria={d.criteria} />
            </>
          )}
          {d.subject === 'accounts' ? (
            <Select
              label="Hierarchy"
              maw={420}
              allowDeselect={false}
              value={d.options.hierarchy?.mode ?? 'none'}
              error={fieldErrs.options}
              onChange={(v) =>
                set({
                  options: {
                    ...d.options,
                    hierarchy: v === 'none' ? null : { mode: v as 'one_per_parent' },
                  },
                })
              }
              data={[
                { value: 'none', label: 'Tasks on the qualifying account' },
                {
                  value: 'one_per_parent',
                  label: 'On the immediate parent: one task however many children qualify',
                },
                {
                  value: 'one_per_child',
                  label: 'On the immediate parent: one task per qualifying child',
                },
              ]}
            />
          ) : (
            <Select
              label="Tasks for contacts"
              maw={420}
              allowDeselect={false}
              value={d.options.contactGrouping}
              error={fieldErrs.options}
              onChange={(v) =>
                set({ options: { ...d.options, contactGrouping: v as 'per_contact' } })
              }
              data={[
                { value: 'per_contact', label: 'One task per contact' },
                {
                  value: 'per_account',
                  label: 'One task per account, with all its qualifying contacts',
                },
              ]}
            />
          )}
          {!d.journey.on && !manual && (
            <HoldoutField
              value={d.journey.holdoutPercent}
              error={fieldErrs.holdoutPercent}
              onChange={(holdoutPercent) => set({ journey: { ...d.journey, holdoutPercent } })}
            />
          )}
        </Stack>
      </Fieldset>
      <JourneySection
        value={d.journey}
        onChange={(journey) => set({ journey })}
        errors={fieldErrs}
        clearErrors={clearErrors}
        subject={d.subject}
        actions={d.actions}
        manual={manual}
        playId={play?.id}
        perChild={d.options.hierarchy?.mode === 'one_per_child'}
      />
      <Fieldset legend="Actions" display={d.journey.on ? 'none' : undefined}>
        <Stack gap="sm">
          {fieldErrs.actions && (
            <Alert color="red" role="alert">
              {fieldErrs.actions}
            </Alert>
          )}
          {d.actions.map((a, i) => (
            <ActionEditor
              key={i}
              action={a}
              index={i}
              manual={manual}
              playId={play?.id}
              perChild={d.options.hierarchy?.mode === 'one_per_child'}
              subject={d.subject}
              errors={errorsUnder(fieldErrs, `actions.${i}`)}
              onChange={(na) => changeAction(i, na)}
              onRemove={() =>
                setActions(
                  d.actions.filter((_, j) => j !== i),
                  true,
                )
              }
            />
          ))}
          <Menu position="bottom-start">
            <Menu.Target>
              <Button variant="light" w="fit-content">
                Add action
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {actionTypes.map((t) => (
                <Menu.Item key={t} onClick={() => setActions([...d.actions, newAction(t)], false)}>
                  {actionLabel(t)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Stack>
      </Fieldset>
      {/* Next to the button, so a failed save is never silent even when the marked fields are scrolled away. */}
      <FormErrors
        title="The play was not saved"
        messages={[...rest, ...(markedFields ? ['Fix the marked fields above.'] : [])]}
      />
      <Group>
        <Button onClick={() => void submit()} loading={save.isPending}>
          {play ? 'Save changes' : 'Create play (disabled)'}
        </Button>
      </Group>
    </Stack>
  );
}

// Import CSV: Upload → Map columns → Preview → Import. Parsing, validation and writing run in slices so a file of
// 100,000 rows never freezes the page; rows refused here or by the server can be downloaded with their reasons.
import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Progress,
  ScrollArea,
  Stack,
  Stepper,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useAttributeDefs } from '@/features/lookups/api';
import {
  guessMapping,
  requiredTargets,
  targetOptions,
  type AttrDef,
  type ImportEntity,
  type Target,
} from './fields.ts';
import { loadMapping, saveMapping } from './mapping-memory.ts';
import { parseCsv, rejectedCsv, type ParsedCsv } from './parse-csv.ts';
import { orderParentsFirst, validateSlice, type Validated } from './validate-rows.ts';
import { writeRows, type WriteTotals } from './write-rows.ts';

const SLICE = 5000;
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));
const fmt = (n: number) => n.toLocaleString('en-US');

type Outcome = { totals: WriteTotals; rejected: Map<number, string[]> };

export function ImportCsvDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [entity, setEntity] = useState<ImportEntity>('account');
  const defsQuery = useAttributeDefs(entity);
  const defs = useMemo<AttrDef[]>(
    () =>
      (defsQuery.data ?? []).map((d) => ({
        key: d.key,
        label: d.label,
        type: d.type,
        enumValues: d.enumValues,
      })),
    [defsQuery.data],
  );
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [fraction, setFraction] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [csv, setCsv] = useState<ParsedCsv | null>(null);
  const [fileName, setFileName] = useState('');
  const [mapping, setMapping] = useState<Target[]>([]);
  const [remembered, setRemembered] = useState(false);
  const [checked, setChecked] = useState<Validated | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const cancel = useRef({ cancelled: false });

  const options = targetOptions(entity, defs);
  const missing = requiredTargets(entity).filter((t) => !mapping.includes(t));

  const reset = () => {
    cancel.current.cancelled = true;
    setStep(0);
    setCsv(null);
    setMapping([]);
    setChecked(null);
    setOutcome(null);
    setError(null);
    setBusy(null);
    setFraction(0);
  };
  const close = () => {
    if (busy !== 'Importing') {
      reset();
      onClose();
    }
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy('Reading the file');
    setFraction(0);
    setFileName(file.name);
    try {
      const parsed = await parseCsv(file, setFraction);
      const saved = loadMapping(entity, parsed.header);
      setRemembered(Boolean(saved));
      setMapping(saved ?? guessMapping(parsed.header, entity, defs));
      setCsv(parsed);
      setStep(1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const preview = async () => {
    if (!csv) return;
    saveMapping(entity, csv.header, mapping);
    setBusy('Checking every row');
    setFraction(0);
    setStep(2);
    setChecked(null);
    const byKey = new Map(defs.map((d) => [d.key, d]));
    const out: Validated = { rows: [], rejected: [] };
    const seen = new Map<string, number>();
    for (let from = 0; from < csv.records.length; from += SLICE) {
      validateSlice(
        entity,
        csv.records,
        from,
        Math.min(csv.records.length, from + SLICE),
        mapping,
        byKey,
        seen,
        out,
      );
      setFraction(Math.min(1, (from + SLICE) / csv.records.length));
      await yieldToPage();
    }
    setChecked(entity === 'account' ? orderParentsFirst(out) : out);
    setBusy(null);
  };

  const runImport = async () => {
    if (!checked) return;
    cancel.current = { cancelled: false };
    setStep(3);
    setBusy('Importing');
    setFraction(0);
    const rejected = new Map<number, string[]>(checked.rejected.map((r) => [r.line, r.reasons]));
    try {
      const totals = await writeRows(
        entity,
        checked.rows,
        (line, reasons) => rejected.set(line, reasons),
        (p) => setFraction(p.total ? p.done / p.total : 1),
        cancel.current,
      );
      setOutcome({ totals, rejected });
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: entity === 'account' ? ['accounts'] : ['contacts'] });
    }
  };

  const download = () => {
    if (!csv || !outcome) return;
    const rows = [...outcome.rejected.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([line, reasons]) => ({ record: csv.records[line]!, reasons }));
    const url = URL.createObjectURL(
      new Blob([rejectedCsv(csv.header, rows)], { type: 'text/csv' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName.replace(/\.csv$/i, '') || 'import'}-rejected.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const labelOf = (t: Target) =>
    options
      .find((o) => o.value === t)
      ?.label.replace(/^Attribute: /, '')
      .replace(/\s*\(.*\)$/, '') ?? t;
  const shownTargets = mapping.filter(Boolean);

  return (
    <Modal opened={opened} onClose={close} title="Import CSV" size="xl" closeOnClickOutside={false}>
      <Stepper
        active={step}
        size="sm"
        mb="md"
        allowNextStepsSelect={false}
        onStepClick={(s) => {
          if (!busy && s < step && step < 3) setStep(s);
        }}
      >
        <Stepper.Step label="Upload" />
        <Stepper.Step label="Map columns" />
        <Stepper.Step label="Preview" />
        <Stepper.Step label="Import" />
      </Stepper>
      {error && (
        <Alert color="red" mb="sm" title="Cannot import">
          {error}
        </Alert>
      )}
      {busy && (
        <Stack gap={4} mb="sm">
          <Text size="sm">{busy}…</Text>
          <Progress value={fraction * 100} aria-label={busy} animated />
        </Stack>
      )}

      {step === 0 && (
        <Stack>
          <NativeSelect
            label="Import"
            value={entity}
            onChange={(e) => setEntity(e.currentTarget.value as ImportEntity)}
            data={[
              { value: 'account', label: 'Accounts' },
              { value: 'contact', label: 'Contacts' },
            ]}
            w={220}
          />
          <div>
            <Text
              component="label"
              htmlFor="csv-import-file"
              size="sm"
              fw={500}
              display="block"
              mb={4}
            >
              CSV file
            </Text>
            <input
              id="csv-import-file"
              type="file"
              accept=".csv,text/csv"
              disabled={Boolean(busy) || defsQuery.isPending}
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
            <Text size="xs" c="dimmed" mt={4}>
              The first row names the columns. Rows are written by external id: new ones are
              created, existing ones updated.
            </Text>
          </div>
        </Stack>
      )}

      {step === 1 && csv && (
        <Stack>
          <Text size="sm">
            {fmt(csv.records.length)} rows in {fileName}.{' '}
            {remembered
              ? 'The mapping you used for these columns last time is filled in.'
              : 'Choose the field each column goes to.'}
          </Text>
          <ScrollArea.Autosize mah={420}>
            <Table aria-label="Column mapping">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Column</Table.Th>
                  <Table.Th>First value</Table.Th>
                  <Table.Th>Goes to</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {csv.header.map((h, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{h || `(column ${i + 1})`}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={1}>
                        {csv.records[0]?.[i] ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Field for column ${h || i + 1}`}
                        value={mapping[i] ?? ''}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          setMapping((m) => m.map((t, j) => (j === i ? v : t === v && v ? '' : t)));
                        }}
                        data={[
                          { value: '', label: '— Ignore —' },
                          ...options.map((o) => ({ value: o.value, label: o.label })),
                        ]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {missing.length > 0 && (
            <Text size="sm" c="red.8">
              Map a column to: {missing.map(labelOf).join(', ')}.
            </Text>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={reset}>
              Back
            </Button>
            <Button disabled={missing.length > 0} onClick={() => void preview()}>
              Check rows
            </Button>
          </Group>
        </Stack>
      )}

      {step === 2 && checked && (
        <Stack>
          <Text fw={500} role="status">
            {fmt(checked.rows.length)} rows ready to import · {fmt(checked.rejected.length)}{' '}
            rejected
          </Text>
          <ScrollArea.Autosize mah={300}>
            <Table aria-label="Rows as they will be written">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Line</Table.Th>
                  {shownTargets.map((t) => (
                    <Table.Th key={t}>{labelOf(t)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {checked.rows.slice(0, 8).map(({ line, row }) => (
                  <Table.Tr key={line}>
                    <Table.Td>{line + 2}</Table.Td>
                    {shownTargets.map((t) => {
                      const v = t.startsWith('attr:')
                        ? (row.attributes as Record<string, unknown> | undefined)?.[t.slice(5)]
                        : row[t];
                      return (
                        <Table.Td key={t}>
                          {v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v)}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          {checked.rejected.length > 0 && (
            <Stack gap={2} aria-label="Rejected rows">
              <Text size="sm" fw={500}>
                Rejected (first {Math.min(5, checked.rejected.length)}):
              </Text>
              {checked.rejected.slice(0, 5).map((r) => (
                <Text key={r.line} size="sm" c="red.8">
                  Line {r.line + 2}: {r.reasons.join('; ')}
                </Text>
              ))}
            </Stack>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setStep(1)}>
              Back
            </Button>
            <Button disabled={checked.rows.length === 0} onClick={() => void runImport()}>
              Import {fmt(checked.rows.length)} rows
            </Button>
          </Group>
        </Stack>
      )}

      {step === 3 && outcome && (
        <Stack>
          <Text fw={500} role="status">
            Import finished: {fmt(outcome.totals.written)} imported ({fmt(outcome.totals.created)}{' '}
            created, {fmt(outcome.totals.updated)} updated, {fmt(outcome.totals.unchanged)}{' '}
            unchanged) · {fmt(outcome.rejected.size)} rejected
          </Text>
          <Group justify="space-between">
            <Button variant="default" disabled={outcome.rejected.size === 0} onClick={download}>
              Download rejected rows
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

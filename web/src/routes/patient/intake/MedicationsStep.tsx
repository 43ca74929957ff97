import { useEffect, useId, useRef, useState } from 'react';
import { intakeApi, type MedicationSuggestion, type SectionAnswers } from '../../../api/intake';
import { TextField } from '../../../components/form/Field';
import type { StepFormProps } from './controls';
import { type FormErrors, type FormValues, Reader } from './formValues';

type MedicationAnswers = SectionAnswers<'medications'>;

const rowCount = (values: FormValues) => Math.max(0, Number(values.rows ?? 0) || 0);

export function medicationsFromAnswers(answers: MedicationAnswers | undefined): FormValues {
  const items = answers?.items ?? [];
  const values: FormValues = {
    rows: String(Math.max(1, items.length)),
    none: answers && items.length === 0 ? 'yes' : '',
  };
  items.forEach((item, index) => {
    values[`items.${index}.name`] = item.name;
    values[`items.${index}.dose`] = item.dose ?? '';
  });
  return values;
}

export function readMedications(values: FormValues): {
  answers: MedicationAnswers | null;
  errors: FormErrors;
} {
  const r = new Reader(values);
  const items: MedicationAnswers['items'] = [];
  for (let index = 0; index < rowCount(values); index += 1) {
    const name = r.raw(`items.${index}.name`);
    const dose = r.optionalText(`items.${index}.dose`, 100);
    if (!name) {
      if (dose) r.fail(`items.${index}.name`, 'Please enter the medicine’s name, or remove this row.');
      continue;
    }
    if (name.length > 100) r.fail(`items.${index}.name`, 'Please keep the name to 100 characters.');
    items.push(dose ? { name, dose } : { name });
  }
  if (values.none === 'yes' && items.length > 0) {
    r.fail('none', 'You listed medicines above. Untick this box, or remove them.');
  }
  if (values.none !== 'yes' && items.length === 0) {
    r.fail('items.0.name', 'List your medicines, or tick “I do not take any medicines or supplements”.');
  }
  if (items.length > 50) r.fail('items.0.name', 'Please list at most 50 medicines.');
  return r.result({ items });
}

/** Suggestions from the interaction knowledge base as the person types; any name is still accepted. */
function useMedicationSuggestions(query: string): MedicationSuggestion[] {
  const [items, setItems] = useState<MedicationSuggestion[]>([]);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      intakeApi
        .suggestMedications(q, controller.signal)
        .then((result) => setItems(result.items.slice(0, 8)))
        .catch(() => undefined);
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);
  return items;
}

function MedicationRow({
  index,
  bind,
  onRemove,
  canRemove,
}: {
  index: number;
  bind: StepFormProps['bind'];
  onRemove: () => void;
  canRemove: boolean;
}) {
  const name = bind(`items.${index}.name`);
  const dose = bind(`items.${index}.dose`);
  const listId = useId();
  const suggestions = useMedicationSuggestions(name.value);

  return (
    <li className="intake-medication">
      <p className="intake-medication__number" aria-hidden="true">
        {index + 1}
      </p>
      <div className="intake-medication__fields">
        <TextField
          id={name.id}
          label={`Medicine ${index + 1}: name`}
          hint="Brand or generic name, as on the label. Suggestions appear as you type."
          error={name.error}
          value={name.value}
          list={listId}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(event) => name.onChange(event.target.value)}
        />
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option
              key={`${suggestion.name}-${suggestion.generic}`}
              value={suggestion.name}
              label={
                suggestion.name.toLowerCase() === suggestion.generic.toLowerCase()
                  ? undefined
                  : suggestion.generic
              }
            />
          ))}
        </datalist>
        <TextField
          id={dose.id}
          label={`Medicine ${index + 1}: dose and how often (optional)`}
          hint="For example “50 mg daily” or “as needed”."
          error={dose.error}
          value={dose.value}
          autoComplete="off"
          onChange={(event) => dose.onChange(event.target.value)}
        />
        {canRemove ? (
          <p>
            <button type="button" className="button button-quiet button-small" onClick={onRemove}>
              Remove medicine {index + 1}
            </button>
          </p>
        ) : null}
      </div>
    </li>
  );
}

export function MedicationsForm({ bind, values, update }: StepFormProps) {
  const rows = rowCount(values);
  const none = bind('none');
  const lastAdded = useRef<number | null>(null);

  useEffect(() => {
    if (lastAdded.current === null) return;
    document.getElementById(bind(`items.${lastAdded.current}.name`).id)?.focus();
    lastAdded.current = null;
  });

  function addRow() {
    lastAdded.current = rows;
    update((current) => ({ ...current, rows: String(rows + 1), none: '' }));
  }

  function removeRow(index: number) {
    update((current) => {
      const next: FormValues = { ...current, rows: String(Math.max(1, rows - 1)) };
      for (let i = index; i < rows; i += 1) {
        next[`items.${i}.name`] = current[`items.${i + 1}.name`] ?? '';
        next[`items.${i}.dose`] = current[`items.${i + 1}.dose`] ?? '';
      }
      return next;
    });
  }

  return (
    <>
      <ul className="intake-medications">
        {Array.from({ length: rows }, (_, index) => (
          <MedicationRow
            // Rows are positions in a list the person edits; the index is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above.
            key={index}
            index={index}
            bind={bind}
            canRemove={rows > 1}
            onRemove={() => removeRow(index)}
          />
        ))}
      </ul>
      <p>
        <button type="button" className="button button-quiet" onClick={addRow}>
          Add another medicine
        </button>
      </p>
      <div className="field">
        {none.error ? (
          <p id={`${none.id}-error`} className="field__error">
            <span className="visually-hidden">Error: </span>
            {none.error}
          </p>
        ) : null}
        <label className="checkbox">
          <input
            id={none.id}
            type="checkbox"
            checked={values.none === 'yes'}
            aria-describedby={none.error ? `${none.id}-error` : undefined}
            aria-invalid={none.error ? true : undefined}
            onChange={(event) => none.onChange(event.target.checked ? 'yes' : '')}
          />
          <span>I do not take any medicines or supplements</span>
        </label>
      </div>
    </>
  );
}

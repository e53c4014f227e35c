// One input field of a runbook step or start form, typed by its spec: an instant takes an ISO time
// with its zone (a "now" button fills in the current time), a boolean is yes / no.
import type { FactValue, FieldSpec } from '../../../src/shared/runbook';

/** The value a field's text means; undefined for an empty optional field (the engine checks the rest). */
export function fieldValue(f: FieldSpec, text: string): FactValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (f.kind === 'boolean') return t === 'yes' ? true : t === 'no' ? false : t;
  if (f.kind === 'number') return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
  return t;
}

export function FieldInput({
  field: f,
  value,
  onChange,
}: {
  field: FieldSpec;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = `field-${f.id}`;
  const label = (
    <span>
      {f.label}
      {f.required ? (
        <span aria-hidden="true"> *</span>
      ) : (
        <span className="muted small"> (optional)</span>
      )}
      {f.setsAwareness ? (
        <span className="chip warn small">starts the notification clocks</span>
      ) : null}
    </span>
  );
  if (f.kind === 'boolean') {
    return (
      <fieldset className="field" data-testid={id}>
        <legend>{label}</legend>
        {['yes', 'no'].map((v) => (
          <label key={v} className="inline-choice">
            <input
              type="radio"
              name={id}
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
            />{' '}
            {v}
          </label>
        ))}
      </fieldset>
    );
  }
  if (f.kind === 'choice') {
    return (
      <label className="field">
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
          <option value="">—</option>
          {(f.choices ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    );
  }
  return (
    <label className="field">
      {label}
      <span className="row">
        <input
          className="grow"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={f.kind === 'instant' ? '2026-03-28T09:30:00Z (with its zone)' : ''}
          inputMode={f.kind === 'number' ? 'decimal' : undefined}
          required={f.required}
          data-testid={id}
        />
        {f.kind === 'instant' ? (
          <button
            type="button"
            className="quiet"
            onClick={() => onChange(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'))}
          >
            Now
          </button>
        ) : null}
      </span>
      {f.help ? <span className="small muted">{f.help}</span> : null}
    </label>
  );
}

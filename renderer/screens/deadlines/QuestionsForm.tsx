// The questions Cairn needs answered to decide which rules apply, as one small form: the most
// urgent first (the earliest clock waiting on the answer). Only answered rows are sent; the
// engine validates the facts and records the change in the audit log and on the timeline.
import { useState, type FormEvent } from 'react';
import { timeLeftWords, type DeadlineList, type Question } from '../../../src/shared/deadlines';
import { useAction } from '../../api/hooks';
import { ErrorNote } from '../../components/ErrorNote';

const FIRST = 12;

/** Puts `value` at "riskOfHarm" or "flags.ransomPaid" in the facts patch. */
function put(patch: Record<string, unknown>, path: string, value: unknown): void {
  const dot = path.indexOf('.');
  if (dot < 0) {
    patch[path] = value;
    return;
  }
  const head = path.slice(0, dot);
  const inner = (patch[head] as Record<string, unknown> | undefined) ?? {};
  inner[path.slice(dot + 1)] = value;
  patch[head] = inner;
}

/** "US-TX=300, US-CA=12" → { "US-TX": 300, "US-CA": 12 }; null when it does not parse. */
function parseCounts(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]{2}(?:-[A-Za-z0-9]+)?)\s*[=:]\s*(\d+)$/.exec(part);
    if (!m?.[1] || !m[2]) return null;
    out[m[1].toUpperCase()] = Number(m[2]);
  }
  return out;
}

type Answers = Record<string, string | string[]>;

function Control({
  q,
  value,
  onChange,
}: {
  q: Question;
  value: string | string[] | undefined;
  onChange: (v: string | string[]) => void;
}) {
  const name = `q-${q.fact}`;
  switch (q.input) {
    case 'yes_no':
      return (
        <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">not answered</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      );
    case 'choice':
      return (
        <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">not answered</option>
          {q.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    case 'count':
      return (
        <input
          name={name}
          type="number"
          min={0}
          step={1}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'counts_by_jurisdiction':
      return (
        <input
          name={name}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value)}
          placeholder="US-TX=300, US-CA=12"
        />
      );
    case 'categories':
      // Rendered by CategoryChoices: a list of checkboxes cannot sit inside the question's label.
      return null;
  }
}

/** "drivers_license_state_id" → "drivers license state id": the identifier, readable. */
const words = (id: string): string => id.replaceAll('_', ' ');

/** Every category as a checkbox with its words; the identifiers are what the engine gets. */
function CategoryChoices({
  q,
  value,
  onChange,
}: {
  q: Question;
  value: string | string[] | undefined;
  onChange: (v: string[]) => void;
}) {
  const chosen = new Set(Array.isArray(value) ? value : []);
  return (
    <fieldset className="category-choices">
      <legend>{q.question}</legend>
      <div className="choices">
        {q.choices.map((c) => (
          <label key={c} className="check" title={c}>
            <input
              type="checkbox"
              name={`q-${q.fact}`}
              value={c}
              checked={chosen.has(c)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(c);
                else next.delete(c);
                // In the question's order, so the saved list reads the same way every time.
                onChange(q.choices.filter((x) => next.has(x)));
              }}
            />
            {words(c)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** "2026-11-26 09:02 UTC". */
const utcText = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function QuestionsForm({
  path,
  list,
  now,
  onChange,
}: {
  path: string;
  list: DeadlineList;
  now: number;
  onChange: () => void;
}) {
  const save = useAction('deadlines.setFacts');
  const [answers, setAnswers] = useState<Answers>({});
  const [complete, setComplete] = useState(false);
  const [reason, setReason] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = showAll ? list.questions : list.questions.slice(0, FIRST);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const facts: Record<string, unknown> = {};
    for (const q of list.questions) {
      const v = answers[q.fact];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      if (q.input === 'yes_no') put(facts, q.fact, v === 'yes');
      else if (q.input === 'count') put(facts, q.fact, Number(v));
      else if (q.input === 'counts_by_jurisdiction') {
        const counts = parseCounts(v as string);
        if (!counts) {
          setProblem(`Write the counts like US-TX=300, US-CA=12 (got "${v as string}")`);
          return;
        }
        facts['affectedByJurisdiction'] = counts;
      } else put(facts, q.fact, v);
    }
    if (complete) facts['affectedCountsComplete'] = true;
    if (Object.keys(facts).length === 0) {
      setProblem('Answer at least one question first.');
      return;
    }
    setProblem(null);
    const r = await save.run({ path, facts, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (r) {
      setAnswers({});
      setComplete(false);
      setReason('');
      setShowAll(false);
      onChange();
    }
  }

  if (list.questions.length === 0) {
    return <p className="muted">No open questions: every rule is decided by the facts given.</p>;
  }
  return (
    <form className="questions" onSubmit={(e) => void submit(e)} data-testid="questions-form">
      <ol>
        {shown.map((q) => (
          <li key={q.fact} className="question">
            {q.input === 'categories' ? (
              <CategoryChoices
                q={q}
                value={answers[q.fact]}
                onChange={(v) => setAnswers((a) => ({ ...a, [q.fact]: v }))}
              />
            ) : (
              <label>
                <span>{q.question}</span>
                <Control
                  q={q}
                  value={answers[q.fact]}
                  onChange={(v) => setAnswers((a) => ({ ...a, [q.fact]: v }))}
                />
              </label>
            )}
            <div className="muted small">
              decides {q.ruleIds.length} rule{q.ruleIds.length === 1 ? '' : 's'}
              {q.earliestDue
                ? `; if it applies, the earliest (${q.earliestDue.ruleId}) is ${timeLeftWords(Date.parse(q.earliestDue.due) - now)} (${utcText(q.earliestDue.due)})`
                : ''}
            </div>
          </li>
        ))}
      </ol>
      {list.questions.length > FIRST ? (
        <button type="button" className="quiet" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show the most urgent only' : `Show all ${list.questions.length} questions`}
        </button>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={complete} onChange={(e) => setComplete(e.target.checked)} />
        The affected counts list every jurisdiction with affected people (others had none)
      </label>
      <div className="form inline">
        <label className="grow">
          Why / source (optional)
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button className="primary" type="submit" disabled={save.pending}>
          Save answers
        </button>
      </div>
      {problem ? (
        <div className="error-note" role="alert">
          {problem}
        </div>
      ) : null}
      <ErrorNote error={save.error} />
    </form>
  );
}

// The home screen's way into tabletop exercises.
export function TabletopEntry({ onOpen }: { onOpen: () => void }) {
  return (
    <section className="panel" aria-labelledby="tabletop-h">
      <h2 id="tabletop-h">Tabletop exercise</h2>
      <p className="muted">
        Practise on a generated incident: logs and injects arrive on a clock you control, the team
        works it in a normal case, and the case is scored at the end.
      </p>
      <button onClick={onOpen} data-testid="open-tabletop">
        Facilitate an exercise
      </button>
    </section>
  );
}

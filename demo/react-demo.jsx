// A small React app: a candidate list whose statuses come from <RecruboFlowRunStatus>, kept in React state
// through the onRecruboRunStatusChange prop; the selected run opens as a card.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RecruboConfig, RecruboFlowRunStatus } from '../src/react/index.ts';
import { candidateNames } from './candidates.js';

const headers = { Accept: 'application/vnd.api+json', Authorization: 'Bearer sandbox-key' };

function App() {
  const [runs, setRuns] = useState([]);
  // runId → the candidate's name, from the run's own answers or its thread (candidates.js), never by position.
  const [names, setNames] = useState(new Map());
  const [statuses, setStatuses] = useState({});
  const [selected, setSelected] = useState(null);

  useEffect(() => {
    Promise.all([
      fetch('/public/v2/flow-runs?page[size]=8&sort=-createdAt', { headers }).then((r) => r.json()),
      fetch('/public/v2/message-threads?page[size]=100', { headers }).then((r) => r.json()),
    ]).then(([runsBody, threadsBody]) => {
      setNames(candidateNames(runsBody.data, threadsBody.data));
      setRuns(runsBody.data.map((run) => run.id));
    });
  }, []);

  const onStatus = (e) => setStatuses((s) => ({ ...s, [e.detail.runId]: e.detail.status }));
  const ended = Object.values(statuses).filter((s) =>
    ['finished', 'timeout', 'cancelled', 'exception'].includes(s),
  ).length;

  return (
    <RecruboConfig baseUrl="/public/v2" apiKey="sandbox-key">
      <section className="card">
        <h2>Candidates</h2>
        <p className="muted">
          React state, fed by the elements' events: {ended} of {runs.length} chatbot runs have ended.
        </p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Candidates and their chatbot runs">
          <table role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Candidate
                </th>
                <th scope="col" role="columnheader">
                  Chatbot
                </th>
                <th scope="col" role="columnheader">
                  In React state
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {runs.map((id) => (
                <tr key={id} role="row">
                  <td role="cell">
                    <button type="button" onClick={() => setSelected(id)} aria-pressed={selected === id}>
                      {names.get(id)}
                    </button>
                  </td>
                  <td className="status" role="cell">
                    <RecruboFlowRunStatus runId={id} label={names.get(id)} onRecruboRunStatusChange={onStatus} />
                  </td>
                  <td role="cell">
                    <code>{statuses[id] ?? '…'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {selected && (
        <section className="card">
          <h2>Selected candidate: {names.get(selected)}</h2>
          <RecruboFlowRunStatus
            variant="card"
            runId={selected}
            actions="finish cancel erase-state"
            onRecruboRunStatusChange={onStatus}
          />
        </section>
      )}
    </RecruboConfig>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

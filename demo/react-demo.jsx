// A small React app: a candidate list whose statuses come from <RecruboFlowRunStatus>, kept in React state
// through the onRecruboRunStatusChange prop; the selected run opens as a card.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RecruboConfig, RecruboFlowRunStatus } from '../src/react/index.ts';

const headers = { Accept: 'application/vnd.api+json', Authorization: 'Bearer sandbox-key' };

function App() {
  const [runs, setRuns] = useState([]);
  const [statuses, setStatuses] = useState({});
  const [selected, setSelected] = useState(null);

  useEffect(() => {
    fetch('/public/v2/flow-runs?page[size]=8&sort=-createdAt', { headers })
      .then((r) => r.json())
      .then((body) => setRuns(body.data.map((run) => run.id)));
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
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Chatbot</th>
                <th scope="col">In React state</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((id) => (
                <tr key={id}>
                  <td>
                    <button type="button" onClick={() => setSelected(id)}>
                      {id.slice(0, 8)}
                    </button>
                  </td>
                  <td>
                    <RecruboFlowRunStatus runId={id} onRecruboRunStatusChange={onStatus} />
                  </td>
                  <td>
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
          <h2>Selected run</h2>
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

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { httpClient, ipcClient, takeLaunchToken } from './api/client';
import { ClientContext } from './api/hooks';
import { App } from './App';
import './styles.css';

function NoToken() {
  return (
    <div className="app">
      <div className="panel center" data-testid="no-token">
        <h1>Cairn</h1>
        <p>
          This page needs the access token that <code>cairn web</code> printed when it started. Open
          the full URL it printed (it ends in <code>#token=…</code>).
        </p>
      </div>
    </div>
  );
}

const root = createRoot(document.getElementById('root')!);
const ipc = ipcClient();
const token = ipc ? null : takeLaunchToken();
const client = ipc ?? (token ? httpClient(token) : null);

root.render(
  <StrictMode>
    {client ? (
      <ClientContext.Provider value={client}>
        <App />
      </ClientContext.Provider>
    ) : (
      <NoToken />
    )}
  </StrictMode>,
);

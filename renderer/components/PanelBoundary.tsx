/**
 * One panel's failure stays in that panel. When a render throws and nothing catches it, React unmounts the
 * whole tree: one bad row in the chat would blank the console, and with the row stored, every reload after.
 * Each panel sits in its own boundary instead: it says what failed and offers to try again, and the rest of
 * the console (the incidents, the composer, the charts) keeps working. Errors in event handlers and effects'
 * promises never reach a boundary; those go through useReportError as before.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { failureMessage } from './format';

interface Props {
  /** Stable id for tests and the log: "chat", "charts", "incidents", "composer", "review", "settings". */
  name: string;
  children: ReactNode;
  /** A modal panel (the composer) keeps its backdrop when it fails, and offers to close it. */
  onClose?: () => void;
}

export class PanelBoundary extends Component<Props, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`Onair: the ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const notice = (
      <div className="panel-failed" role="alert" data-testid="panel-failed" data-panel={this.props.name}>
        <span>
          This panel failed: <span data-testid="panel-failed-message">{failureMessage(this.state.error)}</span>
        </span>
        <span className="spacer" />
        <button onClick={() => this.setState({ error: null, failed: false })} data-testid="panel-reload">
          Reload
        </button>
        {this.props.onClose && <button onClick={this.props.onClose}>Close</button>}
      </div>
    );
    return this.props.onClose ? (
      <div className="modal-backdrop">
        <div className="modal">{notice}</div>
      </div>
    ) : (
      notice
    );
  }
}

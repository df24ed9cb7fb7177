import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { buildTimeConfig } from 'build-time-data';
import '@vaadin/grid';

/**
 * The effective quarkus.session.* settings: the run-time ones as the running application sees them (defaults
 * included, secrets masked by the service), and the build-time ones fixed in this build.
 */
export class QwcSessionConfiguration extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 1em; }
        .datatable { flex: 1; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _properties: { state: true },
        _error: { state: true },
    };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getConfiguration().then(response => {
            const buildTime = Object.entries(buildTimeConfig || {})
                .map(([name, value]) => ({ name: name, value: value, phase: 'build time' }));
            const runTime = response.result.map(property => ({ ...property, phase: 'run time' }));
            this._properties = [...runTime, ...buildTime].sort((a, b) => a.name.localeCompare(b.name));
        }).catch(e => this._error = 'Could not read the configuration: ' + (e && e.error ? e.error.message : e));
    }

    render() {
        if (this._error) {
            return html`<p class="error">${this._error}</p>`;
        }
        if (!this._properties) {
            return html`<span>Loading configuration...</span>`;
        }
        return html`
            <vaadin-grid id="configuration" class="datatable" theme="no-border row-stripes" .items=${this._properties}>
                <vaadin-grid-column header="Property" path="name" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Value" path="value" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Phase" path="phase" auto-width></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-session-configuration', QwcSessionConfiguration);

import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/icon';
import '@vaadin/text-field';
import '@vaadin/text-area';
import '@vaadin/grid';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';

/**
 * The live sessions of the store, a page at a time through the store's own listing. Sessions are named by the short
 * hash of their key, never by their ID. With the cookie store, which keeps nothing on the server, it explains where the
 * sessions are and decodes a pasted cookie instead.
 */
export class QwcSessionSessions extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 1em; }
        .toolbar { display: flex; gap: 0.5em; align-items: baseline; flex-wrap: wrap; }
        .summary { color: var(--lumo-secondary-text-color); margin-right: auto; }
        .datatable { flex: 1; min-height: 12em; }
        .pager { display: flex; gap: 0.5em; justify-content: flex-end; padding: 0.5em 0; }
        .hash { font-family: var(--lumo-font-family-monospace, monospace); }
        .invalidate { color: var(--lumo-error-text-color); }
        pre.json { background: var(--lumo-contrast-5pct); padding: 1em; overflow: auto; border-radius: 4px; }
        .explain { max-width: 60em; }
        .error { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _info: { state: true },
        _rows: { state: true },
        _next: { state: true },
        _previous: { state: true },
        _filter: { state: true },
        _principal: { state: true },
        _detail: { state: true },
        _decoded: { state: true },
        _error: { state: true },
    };

    constructor() {
        super();
        this._rows = null;
        this._cursor = null;
        this._previous = [];
        this._next = null;
        this._filter = '';
        this._principal = '';
        this._detail = null;
        this._decoded = null;
        this._error = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    render() {
        if (!this._info) {
            return html`<span>Loading sessions...</span>`;
        }
        if (!this._info.keepsSessions) {
            return this._renderCookieStore();
        }
        return this._detail ? this._renderDetail() : this._renderTable();
    }

    _renderTable() {
        return html`
            <div class="toolbar">
                <span class="summary" id="summary">Store <b>${this._info.store}</b>:
                    ${this._info.countCapped ? 'more than ' : ''}${this._info.count} live ${this._info.count === 1 ? 'session' : 'sessions'}</span>
                <vaadin-text-field id="filter" placeholder="Filter by value key" clear-button-visible
                    .value=${this._filter} @change=${e => this._applyFilter(e.target.value)}></vaadin-text-field>
                <vaadin-text-field id="principal" placeholder="Sessions of a user (principal)" clear-button-visible
                    .value=${this._principal} @change=${e => this._applyPrincipal(e.target.value)}></vaadin-text-field>
                ${this._principal ? html`
                    <vaadin-button id="invalidate-principal" theme="small error" @click=${() => this._invalidatePrincipal()}>
                        <vaadin-icon icon="font-awesome-solid:right-from-bracket" slot="prefix"></vaadin-icon> Log out everywhere
                    </vaadin-button>` : ''}
                <vaadin-button id="refresh" theme="small" @click=${() => this._refresh()}>
                    <vaadin-icon icon="font-awesome-solid:rotate" slot="prefix"></vaadin-icon> Refresh
                </vaadin-button>
                <vaadin-button id="invalidate-all" theme="small error" @click=${() => this._invalidateAll()}>
                    <vaadin-icon icon="font-awesome-solid:trash" slot="prefix"></vaadin-icon> Invalidate all
                </vaadin-button>
            </div>
            ${this._error ? html`<p class="error">${this._error}</p>` : ''}
            <vaadin-grid id="sessions" class="datatable" theme="no-border row-stripes" .items=${this._rows || []}>
                <vaadin-grid-column header="Session" auto-width
                    ${columnBodyRenderer(row => html`<span class="hash">${row.shortHash}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Principal" auto-width
                    ${columnBodyRenderer(row => html`${row.principal || ''}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Created" auto-width
                    ${columnBodyRenderer(row => html`${this._time(row.createdAt)}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Last access" auto-width
                    ${columnBodyRenderer(row => html`${this._time(row.lastAccessedAt)}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Expires" auto-width
                    ${columnBodyRenderer(row => html`${this._time(row.expiresAt)} (in ${this._duration(row.expiresInSeconds)})`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Values" auto-width
                    ${columnBodyRenderer(row => html`<span title=${row.keys.join(', ')}>${row.values}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Size" auto-width
                    ${columnBodyRenderer(row => html`${this._bytes(row.size)}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="" auto-width
                    ${columnBodyRenderer(row => this._actions(row), [])}></vaadin-grid-column>
            </vaadin-grid>
            <div class="pager">
                <vaadin-button id="previous" theme="small" ?disabled=${this._previous.length === 0}
                    @click=${() => this._previousPage()}>Previous</vaadin-button>
                <vaadin-button id="next" theme="small" ?disabled=${!this._next}
                    @click=${() => this._nextPage()}>Next</vaadin-button>
            </div>`;
    }

    _actions(row) {
        return html`
            <vaadin-button theme="small tertiary" class="details" data-session=${row.shortHash}
                @click=${() => this._openDetail(row.shortHash)}>
                <vaadin-icon icon="font-awesome-solid:eye" slot="prefix"></vaadin-icon> Details
            </vaadin-button>
            <vaadin-button theme="small tertiary" class="invalidate" data-session=${row.shortHash}
                @click=${() => this._invalidate(row.shortHash)}>
                <vaadin-icon icon="font-awesome-solid:trash" slot="prefix"></vaadin-icon> Invalidate
            </vaadin-button>`;
    }

    _renderDetail() {
        const d = this._detail;
        return html`
            <div class="toolbar">
                <vaadin-button id="back" theme="small" @click=${() => this._closeDetail()}>
                    <vaadin-icon icon="font-awesome-solid:arrow-left" slot="prefix"></vaadin-icon> Back
                </vaadin-button>
                <span class="summary">Session <span class="hash" id="detail-hash">${d.shortHash}</span>${d.principal ? html` of <b id="detail-principal">${d.principal}</b>` : ''}:
                    created ${this._time(d.createdAt)}, last access ${this._time(d.lastAccessedAt)},
                    expires ${this._time(d.expiresAt)}, ${d.values} values, ${this._bytes(d.size)}</span>
                <vaadin-button id="detail-invalidate" theme="small error" @click=${() => this._invalidate(d.shortHash)}>
                    <vaadin-icon icon="font-awesome-solid:trash" slot="prefix"></vaadin-icon> Invalidate
                </vaadin-button>
            </div>
            <pre class="json" id="detail-json">${d.json}</pre>`;
    }

    _renderCookieStore() {
        return html`
            <div class="explain" id="cookie-store">
                <p>The <b>cookie</b> store keeps every session in its browser's cookie
                    (<code>${this._info.cookieName}</code>), sealed with AES-GCM: the server holds nothing, so there is
                    no list of sessions to show, and a session cannot be invalidated from here. To end every cookie
                    session, replace <code>quarkus.session.secret</code> and restart.</p>
                <p>To see what one session holds, copy the value of the <code>${this._info.cookieName}</code> cookie
                    from your browser's developer tools (Application, or Storage, then Cookies) and paste it here:</p>
                <vaadin-text-area id="cookie-value" label="Cookie value" style="width: 100%"></vaadin-text-area>
                <vaadin-button id="decode" @click=${() => this._decode()}>Decode</vaadin-button>
                ${this._decoded ? this._renderDecoded() : ''}
            </div>`;
    }

    _renderDecoded() {
        const d = this._decoded;
        if (d.error) {
            return html`<p class="error">${d.error}</p>`;
        }
        return html`
            <p>Session <span class="hash">${d.shortHash}</span>: created ${this._time(d.createdAt)}, last access
                ${this._time(d.lastAccessedAt)}, ${d.values} values, ${this._bytes(d.size)}</p>
            <pre class="json">${d.json}</pre>`;
    }

    _refresh() {
        this._error = null;
        this.jsonRpc.getStoreInfo().then(response => {
            this._info = response.result;
            if (this._info.keepsSessions) {
                this._load(this._cursor);
            }
        }).catch(e => this._fail(e));
    }

    _load(cursor) {
        if (this._principal) {
            // A user has few sessions: the store's principal index returns them all at once, in one page.
            this.jsonRpc.getSessionsOfPrincipal({ principal: this._principal }).then(response => {
                this._cursor = null;
                this._error = response.result.error || null;
                this._rows = response.result.sessions.filter(row => !this._filter
                    || row.keys.some(key => key.toLowerCase().includes(this._filter.toLowerCase())));
                this._next = null;
            }).catch(e => this._fail(e));
            return;
        }
        this.jsonRpc.getSessions({ cursor: cursor, limit: 50, keyFilter: this._filter }).then(response => {
            this._cursor = cursor;
            this._rows = response.result.sessions;
            this._next = response.result.nextCursor;
        }).catch(e => this._fail(e));
    }

    _applyFilter(value) {
        this._filter = value || '';
        this._previous = [];
        this._load(null);
    }

    _applyPrincipal(value) {
        this._principal = (value || '').trim();
        this._previous = [];
        this._cursor = null;
        this._refresh();
    }

    _invalidatePrincipal() {
        if (!confirm(`Log ${this._principal} out of every session?`)) {
            return;
        }
        this.jsonRpc.invalidatePrincipal({ principal: this._principal }).then(() => this._refresh())
            .catch(e => this._fail(e));
    }

    _nextPage() {
        this._previous = [...this._previous, this._cursor];
        this._load(this._next);
    }

    _previousPage() {
        const previous = [...this._previous];
        const cursor = previous.pop();
        this._previous = previous;
        this._load(cursor);
    }

    _openDetail(handle) {
        this.jsonRpc.getSession({ handle: handle }).then(response => {
            if (response.result) {
                this._detail = response.result;
            } else {
                this._error = `Session ${handle} no longer exists`;
                this._refresh();
            }
        }).catch(e => this._fail(e));
    }

    _closeDetail() {
        this._detail = null;
        this._refresh();
    }

    _invalidate(handle) {
        this.jsonRpc.invalidate({ handle: handle }).then(response => {
            this._error = response.result ? null : `Session ${handle} no longer existed`;
            this._detail = null;
            this._refresh();
        }).catch(e => this._fail(e));
    }

    _invalidateAll() {
        if (!confirm('Invalidate every session of the store? Every user is logged out.')) {
            return;
        }
        this.jsonRpc.invalidateAll().then(() => {
            this._previous = [];
            this._cursor = null;
            this._refresh();
        }).catch(e => this._fail(e));
    }

    _decode() {
        const value = this.shadowRoot.getElementById('cookie-value').value;
        this.jsonRpc.decodeCookie({ cookieValue: value }).then(response => {
            this._decoded = response.result;
        }).catch(e => this._fail(e));
    }

    _fail(e) {
        this._error = 'The store did not answer: ' + (e && e.error ? e.error.message : e);
    }

    _time(millis) {
        return new Date(millis).toLocaleString();
    }

    _duration(seconds) {
        if (seconds < 60) {
            return `${seconds} s`;
        }
        if (seconds < 3600) {
            return `${Math.floor(seconds / 60)} min`;
        }
        return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
    }

    _bytes(bytes) {
        return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
    }
}
customElements.define('qwc-session-sessions', QwcSessionSessions);

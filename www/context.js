// The context form (region, account, KMS keys), the saved state in localStorage, and which
// option a finding is about.

export const STORAGE_KEY = 'batchlint.playground.v1';
const FIELDS = ['text', 'region', 'accountId', 'kmsKeys'];

/**
 * The fields of a saved or shared state that are strings; any other field is dropped, so
 * that a damaged or hand-edited state can never stop the page from starting.
 * @returns {{text?: string, region?: string, accountId?: string, kmsKeys?: string}}
 */
export function cleanState(value) {
  const clean = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return clean;
  for (const key of FIELDS) {
    if (Object.hasOwn(value, key) && typeof value[key] === 'string') clean[key] = value[key];
  }
  return clean;
}

/** The saved state (only its valid fields), or null when nothing usable is saved. */
export function loadSaved(storage = globalThis.localStorage) {
  try {
    const saved = cleanState(JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null'));
    return Object.keys(saved).length ? saved : null;
  } catch {
    return null;
  }
}

export function save(state, storage = globalThis.localStorage) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage full or disabled: the page works without it.
  }
}

// ---- Findings about the options ---------------------------------------------------------
// Codes of the findings about the options, for reports made before the core said so itself.
const LEGACY_OPTION = { BL801: 'region', BL802: 'region', BL803: 'partition', BL804: 'accountId', BL805: 'kmsKeys', BL806: 'kmsKeys', BL809: 'kmsKeys' };

/**
 * The option a finding is about ("region" | "accountId" | "partition" | "kmsKeys"), or null
 * for a finding about the document. Reports carry `option`; the fallback (the empty pointer
 * at offset 0..0, and a table of codes) is for packages built before the core added it, and
 * can be deleted once every package has it.
 */
export function optionOf(d) {
  if ('option' in d) return d.option ?? null;
  const atStart = d.path === '' && d.range && d.range.start.offset === 0 && d.range.end.offset === 0;
  return (atStart && LEGACY_OPTION[d.code]) || null;
}

// The form field of each option (the partition follows from the region).
const FIELD_OF_OPTION = { region: 'region', partition: 'region', accountId: 'account', kmsKeys: 'kms' };

export class ContextForm {
  /** @param {{region: HTMLSelectElement, account: HTMLInputElement, kms: HTMLTextAreaElement, box: HTMLDetailsElement}} fields */
  constructor(fields) {
    this.fields = fields;
    this.inputs = [fields.region, fields.account, fields.kms];
  }

  /** Fills the region list: one group per partition, as www/regions.json orders them. */
  fillRegions(regions) {
    const groups = new Map();
    for (const r of regions) {
      if (!groups.has(r.partition)) {
        const group = document.createElement('optgroup');
        group.label = r.partition;
        groups.set(r.partition, group);
      }
      const option = document.createElement('option');
      option.value = r.id;
      option.textContent = `${r.id} — ${r.name}${r.allServices ? '' : ' (no Batch yet)'}`;
      groups.get(r.partition).append(option);
    }
    this.fields.region.append(...groups.values());
  }

  get value() {
    const { region, account, kms } = this.fields;
    return { region: region.value, accountId: account.value.trim(), kmsKeys: kms.value };
  }

  set value({ region = '', accountId = '', kmsKeys = '' }) {
    const select = this.fields.region;
    if (region && ![...select.options].some((o) => o.value === region)) {
      const option = document.createElement('option');
      option.value = region;
      option.textContent = `${region} (not in the table)`;
      select.append(option);
    }
    select.value = region;
    this.fields.account.value = accountId;
    this.fields.kms.value = kmsKeys;
  }

  /** The options for `analyze`: only what is set. */
  options() {
    const c = this.value;
    const options = {};
    if (c.region) options.region = c.region;
    if (c.accountId) options.accountId = c.accountId;
    const keys = c.kmsKeys.split('\n').map((k) => k.trim()).filter(Boolean);
    if (keys.length) options.kmsKeys = keys;
    return options;
  }

  /** Opens the form and focuses the field of an option; false when it has none. */
  focus(option) {
    const field = this.fields[FIELD_OF_OPTION[option]];
    if (!field) return false;
    this.fields.box.open = true;
    field.focus();
    return true;
  }
}

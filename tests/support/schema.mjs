// A small JSON-schema check, enough for the plan format's schema
// (../shared/plan-format/plan.schema.json): type, const, enum, required,
// properties, additionalProperties, propertyNames, items, minItems,
// minLength/maxLength, minimum/maximum, pattern and local $ref.
// Returns the list of problems, each with the path it was found at.
export function validate(schema, value, root = schema, at = '$') {
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], root);
    if (!target) return [`${at}: unknown $ref ${schema.$ref}`];
    return validate(target, value, root, at);
  }
  const problems = [];
  const fail = (why) => problems.push(`${at}: ${why}`);
  const kind = (v) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
  if (schema.type) {
    const types = [].concat(schema.type);
    const k = kind(value);
    if (!types.includes(k) && !(k === 'integer' && types.includes('number'))) {
      fail(`is ${k}, not ${types.join(' or ')}`);
      return problems;
    }
  }
  if ('const' in schema && value !== schema.const) fail(`is not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) fail(`${JSON.stringify(value)} is not one of ${schema.enum}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((v, i) => problems.push(...validate(schema.items, v, root, `${at}[${i}]`)));
  }
  if (kind(value) === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) fail(`lacks "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      const where = `${at}.${key}`;
      if (schema.propertyNames) problems.push(...validate(schema.propertyNames, key, root, `${where} (name)`));
      if (schema.properties && key in schema.properties) {
        problems.push(...validate(schema.properties[key], v, root, where));
      } else if (schema.additionalProperties === false) {
        fail(`has "${key}", which is not allowed`);
      } else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validate(schema.additionalProperties, v, root, where));
      }
    }
  }
  return problems;
}

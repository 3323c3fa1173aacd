// The ES-module half of register.mjs (module hooks run on their own thread).
let doubleUrl = '';

export function initialize(data) {
  doubleUrl = data.url;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: doubleUrl, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}

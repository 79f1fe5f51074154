// Compile policyschema's committed schemas with Ajv (Draft 2020-12, strict mode) and validate files.
// Usage: node check.mjs SCHEMA [FILE...]   Exit 1 if the schema does not compile strictly or a file is invalid.
import Ajv2020 from "ajv/dist/2020.js";
import fs from "fs";

const ajv = new Ajv2020({ strict: true, allErrors: true });
const [schemaPath, ...files] = process.argv.slice(2);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
console.log(`ajv strict: ${schemaPath} compiles`);
let invalid = 0;
for (const file of files) {
  if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    console.log(`ajv strict: ${file} valid`);
  } else {
    invalid += 1;
    console.log(`ajv strict: ${file} INVALID ${JSON.stringify(validate.errors.slice(0, 5))}`);
  }
}
process.exit(invalid ? 1 : 0);

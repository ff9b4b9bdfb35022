import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { CLIENT_TYPES, clientTypesText, documentText, OPENAPI_JSON, servedDocument } from './openapi-files.ts';

/** `npm run openapi`: writes openapi.json from the API's routes, then the client's types from it. */
const document = await servedDocument();
await writeFile(OPENAPI_JSON, documentText(document));
await writeFile(CLIENT_TYPES, await clientTypesText(document));
for (const file of [OPENAPI_JSON, CLIENT_TYPES]) console.log(`wrote ${relative(process.cwd(), file)}`);

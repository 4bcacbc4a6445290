// `npm run sandbox`: the provider sandbox alone, the same command as `npx kyc-uploader-sandbox`
// (PORT, HOST and the SANDBOX_* variables).
import { main } from '../src/sandbox/cli.ts'

await main()

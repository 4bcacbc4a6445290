// `npx kyc-uploader-sandbox`: the provider sandbox on PORT, settings from SANDBOX_* (see cli.ts).
import { main } from './cli.ts'

await main()

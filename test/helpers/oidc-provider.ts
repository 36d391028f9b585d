import { generateKeyPairSync } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import Provider from 'oidc-provider'
import { freePort } from './free-port.ts'

/** A person the test provider knows: their login name is the account id. */
export interface TestAccount {
  email: string
  emailVerified: boolean
  name?: string
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

/**
 * A real OpenID provider (oidc-provider) on a free loopback port, with one confidential client
 * for Effekt and the provider's development login form (any password; the login name picks the
 * account). Effekt's own client is first-party: consent is granted without asking, as an
 * organisation's provider does for its registered applications.
 */
export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  const port = await freePort()
  const issuer = `http://127.0.0.1:${port}`
  const clientId = 'effekt-test'
  const clientSecret = 'a-test-client-secret-that-is-long-enough-for-hs256-000000'
  const accounts = new Map<string, TestAccount>()
  // A signing key of this run: ID tokens are RS256-signed, as Entra ID's are.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    cookies: { keys: ['test-cookie-key-not-a-secret'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id)
      if (!account) return undefined
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified,
          ...(account.name ? { name: account.name } : {}),
        }),
      }
    },
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId
      const client = ctx.oidc.client
      if (!accountId || !client) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  // Quiet: the provider logs a warning per development interaction otherwise.
  provider.on('server_error', () => {})
  const server: Server = createServer(provider.callback())
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Cookies of one host, as a browser keeps them (name → value; no paths or expiry needed here). */
class Jar {
  private readonly cookies = new Map<string, string>()
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Walks the browser's part at the provider: from the authorization URL through the login form
 * (submitted as `login`) to the redirect back to Effekt, following redirects by hand with the
 * provider's cookies. Returns the callback URL the browser would open.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar()
  let url = new URL(authorizationUrl)
  const origin = url.origin
  let body: URLSearchParams | undefined
  for (let hop = 0; hop < 12; hop++) {
    if (url.origin !== origin) return url
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    })
    jar.take(res)
    body = undefined
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url)
      continue
    }
    const html = await res.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (res.status !== 200 || !action || !html.includes('name="login"'))
      throw new Error(`unexpected provider answer ${res.status} at ${url}: ${html.slice(0, 300)}`)
    url = new URL(action.replaceAll('&amp;', '&'), url)
    body = new URLSearchParams({ prompt: 'login', login, password: 'any' })
  }
  throw new Error('too many redirects at the provider')
}

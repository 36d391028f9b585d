import * as client from 'openid-client'
import { Problem } from '../../http/problem.ts'
import { isLocalIssuer } from './schemas.ts'

/**
 * The OpenID Connect client (openid-client: discovery, the authorization code flow with PKCE,
 * state and nonce, ID token signature and claim checks). Runs on fetch and Web Crypto only, so
 * the same code serves Node and Workers. Metadata and keys are read from the issuer at each
 * sign-in: a provider rotating its keys or endpoints needs nothing from us.
 */
const TIMEOUT_SECONDS = 10
export const SCOPE = 'openid email profile'

export interface Issuer {
  issuer: string
  clientId: string
  clientSecret: string
}

const unreachable = () => new Problem('sso.issuer_unreachable')

/** The network failed, timed out, or the provider answered with a server error. */
function isOutage(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof TypeError) return true
    if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true
    if (e instanceof Response && e.status >= 500) return true
  }
  return false
}

export async function discover(i: Issuer): Promise<client.Configuration> {
  try {
    return await client.discovery(new URL(i.issuer), i.clientId, i.clientSecret, undefined, {
      timeout: TIMEOUT_SECONDS,
      ...(isLocalIssuer(i.issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    })
  } catch {
    // Unreachable, not a provider, or metadata for another issuer: nothing to sign in with.
    throw unreachable()
  }
}

export interface AuthorizationStart {
  url: URL
  state: string
  nonce: string
  codeVerifier: string
}

export async function authorizationUrl(
  config: client.Configuration,
  redirectUri: string,
  loginHint: string | undefined,
): Promise<AuthorizationStart> {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(loginHint ? { login_hint: loginHint } : {}),
  })
  return { url, state, nonce, codeVerifier }
}

export interface IdClaims {
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
}

/** Exchanges the code and checks the ID token (signature, issuer, audience, expiry, nonce). */
export async function completeAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<IdClaims> {
  let claims: Record<string, unknown> & { sub: string }
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      pkceCodeVerifier: checks.codeVerifier,
      idTokenExpected: true,
    })
    const idToken = tokens.claims()
    if (!idToken) throw new Problem('sso.token_rejected')
    claims = idToken
    // Providers that keep to the core spec put scope claims in userinfo only: ask there, for the
    // ID token's own subject (a different `sub` is refused by openid-client).
    if (claims.email === undefined)
      claims = {
        ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)),
        ...claims,
        sub: idToken.sub,
      }
  } catch (err) {
    if (err instanceof Problem) throw err
    if (err instanceof client.AuthorizationResponseError) throw new Problem('sso.provider_refused')
    if (isOutage(err)) throw unreachable()
    throw new Problem('sso.token_rejected')
  }
  const text = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : ''
  // One @, something on each side, no spaces, and a length a mailbox can have: else no address.
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) && text.length <= 320 ? text : null
  return {
    subject: claims.sub,
    email,
    // Only a literal true counts; some providers send the string "true", which we do not guess at.
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null,
  }
}

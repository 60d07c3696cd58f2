// A real OpenID Connect provider for Arena's single sign-on tests (node-oidc-provider), shaped like Microsoft
// Entra ID: the ID token carries `oid` (the immutable object id) and `roles` (app roles), as Entra's does.
//
//   node provider.js ACCOUNTS.json CLIENTS.json
//
// Listens on 127.0.0.1 on a free port and prints one line, `issuer http://127.0.0.1:PORT`, when ready.
// ACCOUNTS.json maps a login name to its claims ({"kari": {"oid": "...", "email": "...", "roles": [...]}}) and is
// read at every sign-in, so a test can change a person's e-mail or roles between sign-ins. CLIENTS.json is the
// list of registered clients (client_id, client_secret, redirect_uris). The login and consent pages are the
// library's development interactions: any password is accepted for a login name present in ACCOUNTS.json.
import fs from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const [accountsFile, clientsFile] = process.argv.slice(2);
const clients = JSON.parse(fs.readFileSync(clientsFile, 'utf8'));

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: clients.map((client) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      ...client,
    })),
    claims: {
      openid: ['sub', 'oid', 'tid', 'roles'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email'],
    },
    // Like Entra ID: every claim of the granted scopes goes into the ID token itself.
    conformIdTokenClaims: false,
    async findAccount(ctx, id) {
      const accounts = JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
      const account = accounts[id];
      if (!account) return undefined;
      return { accountId: id, async claims() { return { sub: `pairwise-${id}`, ...account }; } };
    },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => false },
    cookies: { keys: ['arena-test-provider'] },
    ttl: { Session: 600, Interaction: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(`issuer ${issuer}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));

// A real browser walks the guide's "Comment faire un regroupement ?": Enfants
// -> Regrouper des comptes -> identifier and password of the cmartin1 letter ->
// confirmation -> VALIDER -> confirmation de regroupement -> Enfants shows both
// children. Every page is checked with axe-core at 1280 and 375 px (and 640 px,
// a 1280 px window at 200 % zoom); screenshots go to tests/output/browser/regroupement/.
import assert from 'node:assert/strict';
import test from 'node:test';

import { startStack } from '../integration/harness.mjs';
import { PASSWORD, activate } from '../integration/flows.mjs';
import { demoLetters, mainText, pngSize, screenshot, signIn, startWalk } from './browser.mjs';

test('browser: regroupement of a letter into an activated account', async (t) => {
  const stack = await startStack({ mail: 'smtp' });
  let walk;
  try {
    const L = demoLetters(stack);
    await activate(stack, L.cmartin, 'claire@example.org');
    walk = await startWalk(t, stack, 'regroupement');
    const { context, page, a11y, shotsDir, step } = walk;
    const doc = async (name) => {
      const file = await screenshot(page, shotsDir, name);
      assert.ok(pngSize(file) > 1000, `${file} is a non-empty PNG`);
    };

    await step('login, Enfants', async () => {
      await signIn(page, stack.base, 'cmartin', PASSWORD);
      await page.goto(stack.base + '/compte/enfants');
      assert.match(await mainText(page), /Dylan/);
    });

    await step('Regrouper des comptes: identifier and password of the other letter', async () => {
      await page.goto(stack.base + '/compte/regroupement');
      assert.equal(await page.title(), 'Regrouper des comptes — Scolarité services');
      assert.match(await mainText(page), /Compte à regrouper avec cmartin/);
      await a11y.checkSizes(page, 'regroupement');
      await page.getByLabel(/^Identifiant du compte/).fill('cmartin1');
      await page.getByLabel(/^Mot de passe du compte/).fill(L.cmartin1.password.toLowerCase());
      await doc('13-regroupement');
      await page.getByRole('button', { name: 'SUIVANT' }).click();
      await page.waitForLoadState('load');
    });

    await step('confirmation: both accounts\' pupils', async () => {
      const s = await mainText(page);
      assert.match(s, /Elèves rattachés à votre compte : cmartin/);
      assert.match(s, /Elèves rattachés au compte que vous souhaitez regrouper : cmartin1/);
      assert.match(s, /Florian/);
      await a11y.checkSizes(page, 'regroupement-confirmation');
      await doc('14-regroupement-confirmation');
      await page.getByRole('button', { name: 'VALIDER' }).click();
      await page.waitForLoadState('load');
    });

    await step('confirmation de regroupement, then Enfants shows both children', async () => {
      assert.match(await mainText(page), /L'opération de regroupement des comptes a été effectuée avec succès/);
      await a11y.checkSizes(page, 'regroupement-effectue');
      await doc('15-regroupement-effectue');
      await page.getByRole('link', { name: /Voir les enfants/ }).click();
      await page.waitForURL('**/compte/enfants');
      const s = await mainText(page);
      assert.match(s, /Dylan/);
      assert.match(s, /Florian/);
      await page.goto(stack.base + '/compte/fiche');
      await a11y.checkSizes(page, 'fiche');
    });

    await step('axe: no serious or critical violation, no horizontal scroll', async () => {
      console.log(a11y.report());
      assert.equal(a11y.checked.length, 12);
      assert.equal(a11y.failures(), '');
      assert.equal(a11y.overflows(), '');
    });

    await step('no console error and no CSP refusal', () => {
      assert.deepEqual(context.problems, []);
    });
  } finally {
    if (walk) await walk.close();
    await stack.stop();
  }
});

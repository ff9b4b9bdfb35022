import t from 'tap';
import { isValidCreditCode } from '../src/credit-code.ts';
import { maskEmail, maskName, maskPhone, normalizePhone } from '../src/phone.ts';

t.test('credit codes: real registered codes pass, any altered character fails', async (t) => {
  const registered = ['9144030071526726XG', '914403001922038216', '91330100716105852F', '91110000802100433B'];
  for (const code of registered) t.ok(isValidCreditCode(code), code);
  for (const code of registered) {
    const altered = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    t.notOk(isValidCreditCode(altered), `${altered} has a wrong check character`);
  }
  for (const code of ['', '91440300715267', '9144030071526726xg', '9144030071526726XGX', 'I144030071526726XG']) {
    t.notOk(isValidCreditCode(code), `"${code}" is malformed`);
  }
});

t.test('phones: mainland mobiles and E.164 numbers normalise to E.164', async (t) => {
  t.equal(normalizePhone('13812345678'), '+8613812345678');
  t.equal(normalizePhone('138 1234 5678'), '+8613812345678');
  t.equal(normalizePhone('138-1234-5678'), '+8613812345678');
  t.equal(normalizePhone('+8613812345678'), '+8613812345678');
  t.equal(normalizePhone('+85291234567'), '+85291234567');
  t.equal(normalizePhone('+14155552671'), '+14155552671');
  for (const bad of ['12345678901', '1381234567', '+8601012345678', '+861381234567', '0512-12345678', '+1', 'abc', '']) {
    t.equal(normalizePhone(bad), null, `"${bad}" is refused`);
  }
});

t.test('masking keeps too little to identify anyone', async (t) => {
  t.equal(maskPhone('+8613812345678'), '138****5678');
  t.equal(maskPhone('13812345678'), '138****5678');
  t.equal(maskPhone('+85291234567'), '+85*******67');
  t.equal(maskName('张伟'), '张*');
  t.equal(maskName('欧阳娜娜'), '欧***');
  t.equal(maskName('Li Na'), 'L* N*');
  t.equal(maskName('王'), '*');
  t.equal(maskEmail('zhang.wei@example.com'), 'z***@example.com');
});

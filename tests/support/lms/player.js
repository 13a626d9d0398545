// The test LMS's SCORM 1.2 runtime: scorm-again's Scorm12API as `window.API`, every call logged
// (`window.lms.calls`) with a snapshot of the data model at each successful LMSCommit
// (`window.lms.commits`). Query parameters:
//   pkg     the unzipped package's folder; launch: its launch href (from imsmanifest.xml)
//   cmi     JSON of flattened values to start from (student, suspend_data…); as an LMS does, the
//           manifest's adlcp:masteryscore is cmi.student_data.mastery_score unless cmi sets it
//   fail    JSON [[element, code]]: LMSSetValue of these elements fails with that error code
//   api=0   no API at all
// Like Moodle by default, cmi.suspend_data longer than 4,096 characters is refused (405).
(async function () {
  const params = new URLSearchParams(location.search);
  const lms = { calls: [], commits: [], finished: false, failing: new Map(JSON.parse(params.get('fail') || '[]')) };
  window.lms = lms;
  const content = `pluginfile.php/42/mod_scorm/content/${params.get('pkg')}/`;
  const cmi = JSON.parse(params.get('cmi') || '{}');
  const manifest = await fetch(`${content}imsmanifest.xml`).then((r) => (r.ok ? r.text() : ''), () => '');
  const mastery = /<adlcp:masteryscore>\s*(\d+)\s*<\/adlcp:masteryscore>/.exec(manifest);
  if (mastery && !('cmi.student_data.mastery_score' in cmi)) cmi['cmi.student_data.mastery_score'] = mastery[1];
  if (params.get('api') !== '0') {
    const api = new Scorm12API({ logLevel: 5, autocommit: false });
    api.loadFromFlattenedJSON(cmi);
    lms.api = api;
    for (const fn of ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic']) {
      const real = api[fn].bind(api);
      api[fn] = (...args) => {
        let result;
        if (fn === 'LMSSetValue' && lms.failing.has(args[0])) {
          api.lastErrorCode = String(lms.failing.get(args[0]));
          result = 'false';
        } else if (fn === 'LMSSetValue' && args[0] === 'cmi.suspend_data' && String(args[1]).length > 4096) {
          api.lastErrorCode = '405';
          result = 'false';
        } else {
          result = real(...args);
        }
        lms.calls.push({ fn, args: args.map(String), result: String(result) });
        if (fn === 'LMSCommit' && String(result) === 'true') lms.commits.push(JSON.parse(JSON.stringify(api.renderCommitCMI(false))).cmi);
        if (fn === 'LMSFinish') lms.finished = true;
        return result;
      };
    }
    window.API = api;
  }
  const frame = document.getElementById('sco');
  frame.src = `${content}${params.get('launch')}`;
  document.getElementById('exit').addEventListener('click', () => { frame.src = 'about:blank'; });
})();

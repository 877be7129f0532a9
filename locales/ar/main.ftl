# بوابة onestop: العربية. يجب أن يوجد كل مفتاح هنا في جميع اللغات (يتحقق من ذلك اختبار).
site-title = بوابة بكين الموحدة للعلوم والتكنولوجيا
skip-to-content = الانتقال إلى المحتوى الرئيسي
nav-label = القائمة الرئيسية
nav-measures = التدابير
nav-search = البحث
nav-tracker = متابعة تنفيذ التدابير
nav-inbox = صندوق الوارد
nav-my-cases = معاملاتي
nav-sign-in = تسجيل الدخول
nav-sign-out = تسجيل الخروج ({ $name })
language = اللغة
language-apply = تغيير
footer-sources = تستشهد كل قاعدة بنص السياسة الذي أُخذت منه: وثائق المصدر الخمس والصكوك الوطنية التي تستند إليها.
home-heading = اعثر على تدابير بكين في مجال العلوم والتكنولوجيا التي تنطبق عليك
home-lead = أجب عن بضعة أسئلة لتعرف ما ينطبق عليك وما قيمته ولماذا، ثم قدّم طلبًا واحدًا إلى جميع الجهات المعنية.
home-who = من أنت؟
home-search = البحث في التدابير
audience-enterprise = مؤسسة
audience-enterprise-hint = الإعفاءات الضريبية، وصفة المؤسسة عالية التقنية، والتمويل، والملكية الفكرية
audience-researcher = باحث
audience-researcher-hint = الأجور، والتأمين، والسفر، والمشاريع
audience-foreign-professional = مهني أجنبي
audience-foreign-professional-hint = تصاريح العمل والإقامة عبر نافذة واحدة
audience-project = مدير مشروع بحثي
audience-project-hint = الميزانيات، والتكاليف غير المباشرة، وعمليات التفتيش
audience-officer = موظف في جهة حكومية
audience-analyst = محلل سياسات
audience-public = الجميع
search-label = كلمات البحث (بالصينية أو الإنجليزية)
search-button = بحث
search-heading = البحث
search-results = { $count ->
    [zero] لم يُعثر على أي تدبير
    [one] عُثر على تدبير واحد
    [two] عُثر على تدبيرين
    [few] عُثر على { $count } تدابير
    [many] عُثر على { $count } تدبيرًا
   *[other] عدد التدابير التي عُثر عليها: { $count }
}
measures-heading = التدابير
measures-count = { $count ->
    [zero] لا توجد تدابير
    [one] تدبير واحد
    [two] تدبيران
    [few] { $count } تدابير
    [many] { $count } تدبيرًا
   *[other] عدد التدابير: { $count }
}
filter-group = المجموعة
filter-audience = الفئة المستهدفة
filter-all = الكل
filter-apply = عرض
group-talent = الكفاءات
group-enterprise = المؤسسات
group-project = المشاريع البحثية
group-gov = الحكومة
status-in-force = سارٍ
status-pilot = تجريبي
status-planned = مُخطط له
status-ongoing = جارٍ
measure-computable = التحقق عبر الإنترنت
measure-source = المصدر
measure-sources = المصادر
measure-responsible = الجهات المسؤولة
measure-completion = موعد الإنجاز
measure-no-completion = غير محدد
measure-status = الحالة
measure-audience = الفئة المستهدفة
measure-check = تحقق مما إذا كان ينطبق عليك
back-to-measures = جميع التدابير
back-home = الرئيسية
interview-heading = تحقق مما ينطبق عليك
interview-progress = السؤال { $number }. لا يزيد عدد الأسئلة المتبقية على { $remaining }، ويمكنك التوقف في أي وقت.
interview-why = تؤثر هذه الإجابة في:
interview-next = متابعة
interview-skip = تخطي هذا السؤال
interview-finish = عرض النتائج الآن
answer-yes = نعم
answer-no = لا
hint-date = تاريخ، مثل 2024-06-30.
hint-money = مبلغ باليوان، مثل 5000000.
hint-int = عدد صحيح.
hint-decimal = عدد.
hint-rate = نسبة مئوية، مثل 12.5.
hint-text = نص.
result-heading = ما ينطبق عليك
result-date = جرى البت بتاريخ { $date } وفق الإصدار { $version } من القواعد.
result-apply = قدّم الطلب الآن
result-apply-for = تقديم طلب: { $service }
result-worth = ما يحققه لك
result-missing = ما زال مطلوبًا للبت:
result-why = الأسباب: كل خطوة مع سندها القانوني
result-status-eligible = ينطبق عليك
result-status-not_eligible = لا ينطبق
result-status-undetermined = لم يُبت فيه بعد
signin-heading = تسجيل الدخول
signin-to-apply = سجّل الدخول أو أنشئ حسابًا لتقديم طلب: { $service }
signin-mode = الحساب
signin-existing = لدي حساب
signin-new = إنشاء حساب جديد
signin-button = متابعة
field-username = اسم المستخدم
field-password = كلمة المرور
apply-opens = يفتح هذا الطلب الواحد المعاملات التالية، ويُبت فيها بالتوازي:
apply-materials-hint = يُرفع مرة واحدة، وتطّلع جميع الجهات المعنية على النسخة نفسها.
apply-submit = تقديم الطلب
cases-heading = معاملاتي
cases-count = { $count ->
    [zero] لا توجد معاملات
    [one] معاملة واحدة
    [two] معاملتان
    [few] { $count } معاملات
    [many] { $count } معاملةً
   *[other] عدد المعاملات: { $count }
}
case-kind = نوع المعاملة
case-agency = الجهة
case-state = الحالة
case-deadline = موعد البت
case-decision = القرار
case-submitted = تاريخ التقديم
case-overdue = متأخرة
case-working-days = { $days } من أيام العمل
case-rules-version = إصدار القواعد
case-materials = المستندات
case-audit = السجل
case-facts = البيانات المقدَّمة
case-explanation = شرح محرك القواعد
kind-work-permit = تصريح عمل الأجانب (الفئة أ)
kind-work-residence-permit = تصريح الإقامة لغرض العمل
kind-high-tech-recognition = الاعتراف بصفة المؤسسة عالية التقنية
kind-tech-transfer-relief = الإخطار بالإعفاء الضريبي لدخل نقل التكنولوجيا
state-submitted = مقدَّمة
state-accepted = مقبولة
state-in_review = قيد المراجعة
state-more_info_needed = مطلوب معلومات إضافية
state-approved = موافق عليها
state-rejected = مرفوضة
state-withdrawn = مسحوبة
officer-heading = صندوق الوارد
officer-decide = البت في هذه المعاملة
officer-action = الإجراء
officer-reason = السبب (يظهر لمقدم الطلب)
officer-record = تسجيل
action-accept = قبول (يبدأ احتساب المهلة)
action-review = بدء المراجعة
action-request_info = طلب معلومات إضافية
action-approve = موافقة
action-reject = رفض
tracker-heading = متابعة تنفيذ التدابير
tracker-overdue = { $count ->
    [zero] لم يتجاوز أي تدبير موعد إنجازه ({ $month }).
    [one] تجاوز تدبير واحد موعد إنجازه ({ $month }).
    [two] تجاوز تدبيران موعد إنجازهما ({ $month }).
    [few] تجاوزت { $count } تدابير مواعيد إنجازها ({ $month }).
    [many] تجاوز { $count } تدبيرًا مواعيد إنجازها ({ $month }).
   *[other] عدد التدابير التي تجاوزت موعد إنجازها ({ $month }): { $count }.
}
tracker-measure = التدبير
tracker-by-org = التدابير حسب الجهة المسؤولة
error-not-found = غير موجود
error-forbidden = لا تملك صلاحية الاطلاع على هذا المحتوى
error-signin = اسم المستخدم أو كلمة المرور غير صحيحة.
error-bad-answer = تعذرت قراءة هذه الإجابة
error-action = تعذر تنفيذ هذا الإجراء


## التحقق من ترخيص إلكتروني
nav-verify = التحقق من ترخيص
verify-heading = التحقق من ترخيص إلكتروني
verify-intro = يُسجَّل كل ترخيص تصدره هذه الخدمة في سجل عام لا يقبل إلا الإضافة. أدخل رمز التحقق المطبوع على الترخيص، أو ارفع ملف الترخيص الذي نزّلته، للتأكد من أنه صادر من هنا ولم يُعدَّل.
verify-valid = أصلي: هذا الترخيص مسجَّل في السجل ولم يُعدَّل.
verify-invalid = لم يتم التحقق: لا تعتمد على هذا الترخيص.
verify-code = رمز التحقق
verify-holder = الحامل
verify-granted = المَمنوح
verify-validity = مدة الصلاحية
verify-agency = الجهة المقرِّرة
verify-basis = الأساس القانوني
verify-entry = قيد السجل
verify-entry-of = القيد { $index } من { $size }
verify-by-code = التحقق بالرمز
verify-by-file = التحقق من ملف ترخيص منزَّل
verify-file = ملف الترخيص (JSON)
verify-button = تحقّق
verify-offline = من دون هذا الموقع:
verify-key = المفتاح العام للسجل
verify-not-found = لا يوجد ترخيص بهذا الرمز. تحقّق من الرمز وحاول مرة أخرى.
verify-bad-code = هذا ليس رمز تحقق صالحًا.
verify-no-file = اختر ملف ترخيص لرفعه.
verify-not-a-licence = هذا الملف ليس ترخيصًا منزَّلًا من هذه الخدمة.
case-licence = ترخيص إلكتروني
case-licence-print = ترخيص قابل للطباعة

## التحليل: محاكاة الإصلاحات
nav-analyst = الإصلاحات
analyst-heading = ماذا سيفعل الإصلاح؟
analyst-intro = طبّق تعديلًا على القواعد على مجتمع اصطناعي كامل وقارنه بالقواعد النافذة: من يربح ومن يخسر وكم يكلّف وأين.
analyst-reform = الإصلاح
analyst-population = المجتمع
analyst-rows = { $count } صفًا
analyst-date = تاريخ القرار
analyst-run = محاكاة
analyst-ran = { $rows } صفًا في { $date }، استغرقت المحاكاة { $seconds } ثانية.
analyst-beneficiaries = المستفيدون (القواعد النافذة ← الإصلاح)
analyst-winners = الرابحون
analyst-losers = الخاسرون
analyst-cost = التكلفة
analyst-yuan = يوان
analyst-measures = التدابير التي يغيّرها الإصلاح
analyst-eligible-before = مستحق الآن
analyst-eligible-after = مستحق بعد الإصلاح
analyst-newly = مستحق جديد
analyst-chart-district = تكلفة الإصلاح حسب المنطقة
analyst-chart-gains = توزيع المكاسب والخسائر
analyst-by = حسب { $key }
analyst-rows-col = الصفوف
analyst-warnings = تنبيهات
analyst-versions = إصدار القواعد { $baseline }؛ مع الإصلاح { $reform }.
analyst-bad-date = `{ $date }` ليس تاريخًا؛ اكتب YYYY-MM-DD.
analyst-unavailable = محاكاة الإصلاحات غير متاحة على هذا الخادم
analyst-amounts = مجاميع المبالغ (النافذة ← الإصلاح)

## Agencies
agency-foreign-experts = لجنة بكين البلدية للعلوم والتكنولوجيا (شؤون الخبراء الأجانب)
agency-exit-entry = إدارة الدخول والخروج، مكتب الأمن العام لبلدية بكين
agency-sci-tech = لجنة بكين البلدية للعلوم والتكنولوجيا
agency-tax = مصلحة الضرائب لبلدية بكين، الإدارة العامة للضرائب

## تقويم أيام العمل (المواعيد المؤقتة، وصفحة التقويم الخاصة بالمسؤول)
case-provisional = مؤقت
case-provisional-why = يُحسب هذا التاريخ بأيام العمل في عام { $year }، ولم يُحمَّل بعدُ الإشعار الرسمي بالعطلات لذلك العام: فأيام العطلة فيه هي العطلات القانونية وعطلات نهاية الأسبوع. ويُعاد حسابه عند تحميل الإشعار.
nav-calendar = التقويم
calendar-heading = تقويم أيام العمل
calendar-intro = تُحسب المواعيد النهائية بأيام العمل في الصين. ويُعدّ العام رسميًا إذا حُمِّل إشعار مجلس الدولة بعطلاته، وأي عام آخر مؤقت: أيام العطلة فيه هي العطلات القانونية وعطلات نهاية الأسبوع، دون أيام العمل التعويضية.
calendar-official-until = رسمي حتى { $date } (الأيام المتبقية: { $days }).
calendar-none = لا يشمل أي إشعار رسمي تاريخ اليوم: جميع المواعيد النهائية مؤقتة.
calendar-warning = تنتهي التغطية الرسمية خلال أقل من 60 يومًا. يُرجى تحميل إشعار عام { $year } فور نشره.
calendar-year = العام
calendar-status = الحالة
calendar-source = المصدر
calendar-official = رسمي
calendar-provisional = مؤقت
calendar-shipped = مُضمَّن في onestop
calendar-statutory = العطلات القانونية بموجب لائحة الأعياد والمناسبات الوطنية السنوية (بصيغتها المعدّلة بمرسوم مجلس الدولة رقم { $decree }) وعطلات نهاية الأسبوع
calendar-upload-heading = تحميل إشعار عام
calendar-upload-help = ملف CSV: الأسطر «# year:» و«# notice:» و«# published:»، ثم صف لكل يوم يتضمن: التاريخ (أو FROM..TO)، ثم holiday أو workday، ثم اسم العطلة. ويُعاد حساب المعاملات المفتوحة ذات المواعيد المؤقتة، مع تسجيل ذلك في سجل كل منها.
calendar-file = ملف الإشعار (CSV)
calendar-upload = تحميل الإشعار
calendar-loaded = تم تحميل إشعار عام { $year }. عدد المعاملات المفتوحة ذات الموعد المؤقت: { $checked }؛ تغيّر منها: { $changed }.
calendar-refused = رُفض الملف، ولم يُغيَّر شيء.
calendar-deadline-change = المعاملة { $case }: { $old } → { $new }

## Security
error-csrf = انتهت صلاحية هذا النموذج أو أُرسل من موقع آخر. يُرجى إعادة تحميل الصفحة والمحاولة مرة أخرى.
error-throttled = محاولات تسجيل دخول فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد { $seconds } ثانية.
agency-tianjin-sci-tech = مكتب العلوم والتكنولوجيا لبلدية تيانجين
agency-hebei-sci-tech = إدارة العلوم والتكنولوجيا لمقاطعة خبي

## The statutory clock
case-clock = المهلة
case-clock-stopped = متوقفة منذ { $date }: بانتظار رد مقدم الطلب، ولا تُحتسب هذه الأيام
case-clock-stopped-short = المهلة متوقفة
case-suspended-label = الإيقاف
case-suspended = { $days } من أيام العمل لم تُحتسب (كان مقدم الطلب يرد على طلب استكمال)
case-respond-heading = الرد على الطلب
case-respond-label = ردك (يطّلع عليه الموظف، وتُستأنف المهلة عند إرساله)
case-respond-send = إرسال الرد

## Public performance
nav-performance = الالتزام بالمهل
performance-heading = القرارات ضمن المهل القانونية
performance-intro = من جميع المعاملات المنجزة ذات المهلة: نسبة ما أنجزته كل جهة في موعده أو قبله، ووسيط أيام العمل التي استغرقتها كل خدمة من القبول حتى القرار (لا تُحتسب الأيام التي توقفت فيها المهلة بانتظار رد مقدم الطلب).
performance-agency = الجهة
performance-decided = المنجزة
performance-on-time = في الموعد
performance-rate = نسبة الالتزام بالموعد
performance-service = الخدمة
performance-median = وسيط أيام العمل
case-withdraw-heading = السحب
case-withdraw-help = يؤدي السحب إلى إنهاء هذه المعاملة لدى الجهة المعنية، وتستمر المعاملات الأخرى للطلب نفسه.
case-withdraw-send = سحب هذه المعاملة
licence-issued = تاريخ الإصدار
licence-note = هذه الرخصة هي القيد { $index } في سجل الشفافية، وأي تغيير فيها يُفشل التحقق. تحقّق منها برمزها على هذا الموقع، أو دون اتصال بالرخصة المنزّلة والمفتاح العام للسجل:

## the procedures of the seeds: materials, approvals upon filing and their check (issue 14)
apply-material-file = ملف ({ $types }، بحد أقصى 10 ميغابايت)
apply-material-optional = (اختياري)
apply-material-reuse = أو ملف رفعته من قبل
apply-material-reuse-none = — لا شيء —
case-material = المستند
case-material-file = الملف المقدَّم
case-material-missing = ناقص
case-material-none = اختر ملفًا لرفعه أو ملفًا رفعته من قبل.
case-add-material-heading = تقديم مستند
case-add-material-which = أيّ مستند
case-add-material-file = ملف (PDF أو PNG أو JPEG، بحد أقصى 10 ميغابايت)
case-add-material-send = تقديم
case-supervision = التحقق اللاحق
case-supervision-pending = قبل { $date }
case-supervision-passed = اجتاز التحقق
case-supervision-revoked = لم يجتز التحقق: أُلغيت الموافقة
case-supervision-risk = يُتحقق منه أولًا
case-supervise-heading = التحقق اللاحق
case-supervise-help = وُوفق على هذا الطلب عند تقديمه. تحقّق منه وفق المعايير؛ فإن لم يستوفها أو أُخلّ بالتعهد فألغِه: تُلغى القضية ورخصتها في السجل.
case-supervise-outcome = النتيجة
case-supervise-pass = اجتاز: تبقى الموافقة سارية
case-supervise-revoke = إلغاء الموافقة ورخصتها
officer-supervision-heading = موافقات عند التقديم بانتظار التحقق
officer-supervision-help = وُوفق عليها عند التقديم أو بناءً على تعهد مقدّم الطلب؛ وتضع القواعد أولًا ما لا يستوفي معيارًا وطنيًا.
state-revoked = أُلغي
kind-foreign-work-permit = تصريح عمل للأجانب
kind-foreign-residence-permit = تصريح إقامة للعمل
kind-permanent-residence = الإقامة الدائمة
kind-commitment-approval = موافقة بناءً على تعهد
kind-relocation-business-registration = تعديل السجل التجاري (المقر الجديد)
kind-relocation-tax-registration = نقل التسجيل الضريبي
kind-clinical-sample-approval = الموافقة على استيراد عينات التجارب السريرية
kind-clinical-sample-filing = إخطار جمركي لشحنة من عينات التجارب السريرية
kind-outbound-exchange = تبادل أكاديمي في الخارج
kind-rd-vehicle-import = الإدخال المؤقت لمركبات اختبار البحث والتطوير
agency-housing = لجنة الإسكان والتنمية الحضرية والريفية لبلدية بكين
agency-market-regulation = إدارة تنظيم السوق لبلدية بكين
agency-medical-products = إدارة المنتجات الطبية لبلدية بكين
agency-customs = جمارك بكين
agency-foreign-affairs = مكتب الشؤون الخارجية لحكومة بلدية بكين الشعبية
material-passport = جواز السفر
material-employment-contract = عقد العمل أو خطاب التعيين
material-degree-certificate = شهادة أعلى درجة علمية
material-criminal-record = شهادة خلو من السوابق الجنائية
material-photo = صورة شخصية
material-health-certificate = شهادة صحية
material-hnte-application = طلب الاعتماد كمؤسسة عالية التقنية
material-rd-expense-audit = تقرير تدقيق خاص لنفقات البحث والتطوير
material-ip-certificates = شهادات الملكية الفكرية الأساسية
material-technology-contract = عقد نقل التكنولوجيا المسجَّل
material-commitment-letter = خطاب التعهد الموقَّع
material-project-plan = خطة المشروع ووثائق التصميم
material-business-licence = الرخصة التجارية
material-relocation-resolution = قرار المساهمين بشأن النقل
material-premises-lease = عقد إيجار المقر الجديد أو سند ملكيته
material-trial-approval = الموافقة على التجربة السريرية
material-sample-list = قائمة العينات
material-import-approval = موافقة الاستيراد (لكل تجربة أو سنوية)
material-invitation-letter = خطاب الدعوة
material-exchange-plan = خطة التبادل
material-vehicle-list = قائمة المركبات
material-rd-plan = خطة البحث والاختبار
material-customs-guarantee = الضمان الجمركي

## the life of a licence after issue: suspended, reinstated, revoked (003 §18, §19)
licence-status = حالة الرخصة
licence-status-valid = سارية
licence-status-suspended = موقوفة: غير سارية حتى تعيدها الجهة
licence-status-revoked = ملغاة: لم تعد سارية
licence-stamp-suspended = موقوفة
licence-stamp-revoked = ملغاة
verify-not-in-force = السجل أصلي، لكن لا تعتمد على هذه الرخصة.
licence-change-since = منذ { $date }: { $reason }
licence-change-heading = إيقاف الرخصة أو إعادتها أو إلغاؤها
licence-change = التغيير
licence-change-suspend = إيقاف (التحقيق جارٍ)
licence-change-reinstate = إعادة
licence-change-revoke = إلغاء (نهائي)
licence-change-reason = السبب (يُسجَّل في السجل العام؛ يراه كل من يتحقق من الرخصة)
licence-change-button = تسجيل التغيير

## the interview starts from the signed-in applicant's profile and saves back to it
interview-from-profile = لا تُطرح مجددًا الأسئلة التي يجيب عنها ملفك الشخصي؛ وما تجيب عنه هنا يُحفظ في ملفك.
result-saved-to-profile = حُفظت إجاباتك في ملفك الشخصي: تبدأ المقابلة التالية وكل النماذج منها.

## dates the applicant must keep after approval (services.toml reminders)
case-reminder-past = انقضى الموعد: تصرّف الآن
case-reminder-soon = يحين الموعد بعد { $days } يومًا
case-reminder-days = تبقّى { $days } يومًا
reminder-vehicle_reexport_due_date = إعادة تصدير المركبات قبل

## the holder's licences (/licences)
nav-my-licences = رخصي
licences-heading = رخصي الإلكترونية
licences-count = عدد الرخص الصادرة لك: { $count }

## شهود السجل (المسألة 15: صفحة المشغّل /admin/witnesses، التحقق)
nav-witnesses = الشهود
witnesses-heading = شهود السجل
witnesses-intro = تشغّل كل من تيانجين وخبي شاهدًا: يتحقق من أن كل رأس جديد لهذا السجل يمدّ آخر رأس وقّعه معه، ثم يوقّعه معه أو يرفضه. يُعدّ الإيصال متحقَّقًا منه بتوقيع السجل و{ $quorum } توقيعات مشتركة من الشهود على الأقل.
witnesses-latest = أحدث رأس: { $size } مدخلات، وقّعه { $count } من الشهود.
witnesses-none = لا شهود مهيَّئين (DATA/witnesses.toml): يُتحقَّق من الإيصالات بتوقيع السجل وحده.
witnesses-name = الشاهد
witnesses-region = المنطقة
witnesses-last = آخر رأس موقَّع (مدخلات)
witnesses-time = وقت التوقيع
witnesses-never = لم يوقّع قط
witnesses-current = الأحدث
witnesses-behind = متأخر عن أحدث رأس
witnesses-other-root = جذر غير جذر أحدث رأس بالحجم نفسه
witnesses-key = مفاتيح الشهود
witnesses-refusals-heading = حالات الرفض
witnesses-refusals-none = لم يرفض أي شاهد رأسًا لهذا السجل.
witnesses-refusals-alert = { $count ->
    [one] رفض شاهد رأسًا لهذا السجل: ربما تفرّع السجل. قارن الرؤوس باستخدام onestop ledger audit.
   *[other] رفض الشهود { $count } من رؤوس هذا السجل: ربما تفرّع السجل. قارن الرؤوس باستخدام onestop ledger audit.
}
witnesses-refused-size = الرأس المرفوض (مدخلات)
witnesses-old-size = آخر موقَّع (مدخلات)
witnesses-refused-at = وقت الرفض
witnesses-reason = السبب
witnesses-evidence = نقطة التحقق المرفوضة
verify-witnesses = الشهود
verify-witnesses-of = { $count } توقيعات مشتركة من الشهود (المطلوب { $quorum })

## research projects (001 §15-18): leader, undertaking unit, the commission
nav-projects = المشاريع
projects-heading = المشاريع البحثية
officer-projects-heading = المشاريع البحثية المطلوب البت فيها
projects-count = { $count ->
    [zero] لا توجد مشاريع بعد
    [one] مشروع واحد
    [two] مشروعان
    [few] { $count } مشاريع
    [many] { $count } مشروعًا
   *[other] عدد المشاريع: { $count }
}
project-title = عنوان المشروع
project-role = صفتك
project-role-leader = رئيس المشروع
project-role-unit = الجهة المنفذة (رئيس المشروع { $leader })
project-status = الحالة
project-status-filed = مقدَّم، بانتظار المراجعة
project-status-returned = أُعيد إلى رئيس المشروع
project-status-active = قيد التنفيذ
project-status-accepted = مقبول (الاستلام النهائي)
project-leader = رئيس المشروع
project-unit = الجهة المنفذة
project-agency = الجهة المختصة
project-filed = تاريخ التقديم
project-waiting-unit = تعديل ينتظر موافقتك
project-todo = بانتظارك
project-todo-review = مراجعة الطلب
project-todo-milestones = { $count ->
    [one] تقرير مرحلة واحد بانتظار القبول
    [two] تقريرا مرحلتين بانتظار القبول
   *[other] تقارير مراحل بانتظار القبول: { $count }
}
project-todo-adjustment = تعديل في الميزانية تبت فيه اللجنة
project-todo-inspection = تحديد موعد الفحص المرحلي أو الإعفاء منه
project-todo-acceptance = الاستلام النهائي
project-file-heading = تقديم مشروع
project-file-help = عند التقديم تُراجَع الميزانية وفق قواعد التمويل: تُرفض التكاليف غير المباشرة التي تتجاوز حدها، أو النفقات الواردة في القائمة السلبية لنظام التمويل الشامل، مع بيان السبب. ثم تراجع لجنة العلوم والتكنولوجيا الطلب.
project-unit-account = حساب الجهة المنفذة
project-unit-hint = اسم المستخدم لحساب مؤسستك. تعتمد المؤسسة تعديلات الميزانية ضمن الصلاحية المفوَّضة إليها.
project-facts-heading = المشروع وميزانيته
project-facts-hint = اترك السؤال فارغًا إن لم يكن منطبقًا أو لم يُعرف بعد. الميزانية المعتمدة لكل بند هي الميزانية المقدَّمة.
project-unknown = غير محدد
project-negative-list = تتضمن خطة الإنفاق (القائمة السلبية لنظام التمويل الشامل)
project-milestones = المراحل
project-milestones-hint = ثلاث مراحل على الأكثر هنا؛ اترك الصف فارغًا لتخطّيه.
project-milestone-name = المرحلة { $number }
project-milestone-due = موعد المرحلة { $number }
project-file-send = تقديم المشروع
project-review = المراجعة
project-reviewed = راجعه { $by } في { $date }
project-inspection = الفحص المرحلي
project-inspection-scheduled = محدد في { $date }
project-inspection-waived = أُعفي منه
project-inspection-undecided = لم يُبت فيه بعد
project-inspection-required = تشترط القاعدة إجراء فحص مرحلي: مدة التنفيذ ثلاث سنوات أو أكثر (001 §15).
project-inspection-exempt = تعفي القاعدة هذا المشروع من الفحص المرحلي: مدة تنفيذه أقل من ثلاث سنوات (001 §15).
project-accepted = الاستلام النهائي
project-accepted-by = { $by } في { $date }
project-acceptance-link = صفحة الاستلام
project-review-heading = مراجعة الطلب
project-review-decision = القرار
project-review-accept = قبوله للتنفيذ
project-review-return = إعادته إلى رئيس المشروع (مع بيان السبب)
project-note = ملاحظة
project-amend-heading = التعديل وإعادة التقديم
project-amend-send = إعادة التقديم
project-milestone = المرحلة
project-milestone-due-label = الموعد
project-milestone-report = التقرير
project-milestone-accepted = القبول
project-milestone-report-label = تقرير المرحلة { $number }
project-milestone-report-send = إرسال التقرير
project-milestone-accepted-by = قبله { $by } في { $date }
project-milestone-accept = قبول المرحلة { $number }
project-inspection-heading = الفحص المرحلي
project-inspection-decision = القرار
project-inspection-schedule = تحديد موعده
project-inspection-waive = الإعفاء منه
project-inspection-on = يوم الفحص
project-budget-heading = الميزانية
project-budget-subject = البند
project-budget-in-force = المعتمد حاليًا
project-subject-equipment_budget = المعدات
project-subject-indirect_budget = التكاليف غير المباشرة
project-subject-other_direct_budget = بنود التكاليف المباشرة الأخرى مجتمعة
project-adjust-heading = طلب تعديل في الميزانية
project-adjust-help = أدخل المبالغ الجديدة. تحدد القاعدة من يعتمد التعديل: الجهة المنفذة إذا بقي المجموع كما هو ولم ترتفع التكاليف غير المباشرة (وتُسجَّل زيادة المعدات حينئذ لدى الجهة المختصة عند الاستلام)؛ وإلا فلجنة العلوم والتكنولوجيا (001 §16).
project-adjust-after = { $subject } بعد التعديل
project-adjust-reason = السبب
project-adjust-send = طلب التعديل
project-budget-history = سجل الميزانية
project-budget-change = التعديل
project-budget-approver = جهة الاعتماد بحسب القاعدة
project-budget-decision = القرار
project-budget-filing = التسجيل عند الاستلام
project-budget-asked = طلبه { $by } في { $date }
project-budget-decided = { $by } في { $date }
project-budget-decide = البت في التعديل { $number }
project-budget-approve = اعتماد
project-budget-refuse = رفض (مع بيان السبب)
project-approver-approver_undertaking_unit = الجهة المنفذة
project-approver-approver_competent_department = لجنة العلوم والتكنولوجيا
project-outside-project_refusal_total_changed = خارج صلاحية الجهة المنفذة: يتغير مجموع الميزانية
project-outside-project_refusal_indirect_increased = خارج صلاحية الجهة المنفذة: ترتفع التكاليف غير المباشرة
project-outside-project_refusal_not_municipal = خارج صلاحية الجهة المنفذة: ليس مشروعًا ممولًا من المالية البلدية
project-change-pending = بانتظار القرار
project-change-approved = معتمد
project-change-refused = مرفوض
project-filed-on = سُجِّل لدى الجهة المختصة في { $date }
project-filing-at-acceptance = يُسجَّل عند الاستلام
project-acceptance-heading = الاستلام النهائي
project-milestones-accepted = قُبل { $accepted } من { $total }
project-filings-heading = تعديلات الميزانية المسجَّلة عند الاستلام
project-filings-help = تُسجَّل زيادات المعدات التي اعتمدتها الجهة المنفذة لدى الجهة المختصة عند استلام المشروع (001 §16).
project-filings-none = لا شيء: لا توجد في هذا المشروع تعديلات تُسجَّل عند الاستلام.
project-blockers-heading = قبل الاستلام النهائي
project-blocker-not_active = المشروع ليس قيد التنفيذ
project-blocker-milestone_not_reported = لم يُقدَّم تقرير المرحلة { $number }
project-blocker-milestone_not_accepted = لم تُقبل المرحلة { $number }
project-blocker-adjustment_pending = تعديل الميزانية { $number } بانتظار القرار
project-blocker-inspection_undecided = لم يُحدَّد موعد الفحص المرحلي ولم يُعفَ منه
project-blocker-inspection_ahead = الفحص المرحلي محدد في { $date }
project-ready = اكتمل كل شيء: المشروع جاهز للاستلام النهائي.
project-accept-send = تسجيل الاستلام النهائي
project-fact-funding_source = مصدر تمويل المشروع
project-fact-is_basic_research = المشروع في مجال البحث الأساسي
project-fact-institution_type = نوع الجهة المنفذة
project-fact-discipline = تخصص المشروع
project-fact-is_pure_theoretical_research = بحث نظري بحت (القاعدة الوطنية: مثل الرياضيات)
project-fact-selected_for_indirect_cost_pilot = اختير مشروعًا تجريبيًا بلديًا قليل الاعتماد على المعدات التجريبية
project-fact-direct_cost = التكاليف المباشرة في ميزانية المشروع
project-fact-equipment_cost = تكاليف المعدات ضمن التكاليف المباشرة
project-fact-proposed_indirect_cost = التكاليف غير المباشرة المقترحة في الميزانية
project-fact-proposed_performance_pay = مكافآت الأداء المخططة ضمن التكاليف غير المباشرة
project-fact-implementation_start_date = أول يوم في مدة تنفيذ المشروع
project-fact-implementation_end_date = آخر يوم في مدة تنفيذ المشروع
project-fact-institution_remarkable_results = للجهة المنفذة نتائج بحثية بارزة
project-fact-institution_good_research_credit = للجهة المنفذة سجل ائتماني بحثي جيد
project-fact-institution_selected_all_in_pilot = اختيرت الجهة المنفذة للتجربة البلدية لنظام التمويل الشامل
project-fact-spends_on_unrelated_items = نفقات لا صلة لها بأبحاث المشروع
project-fact-spends_on_fines_donations_investment = غرامات أو تبرعات أو رعاية أو استثمار أو سداد ديون
project-fact-misappropriates_funds = حجز أموال المشروع أو تحويلها عن غرضها أو اختلاسها
project-fact-transfers_funds_improperly = تمرير أموال المشروع أو نقلها خلافًا للقواعد
project-fact-uses_false_documents = عقود أو فواتير أو بنود أو موظفون وهميون لسحب الأموال
project-fact-inflates_testing_costs = أعمال اختبار وهمية أو تضخيم أسعار الاختبارات
project-fact-falsifies_accounts = تعديلات حسابية اعتباطية أو مستندات محاسبية معدَّلة
project-value-project_funded_municipal = أموال البحث من المالية البلدية (بكين)
project-value-project_funded_central = أموال البحث من المالية المركزية
project-value-project_funded_other = أموال أخرى (تكليف من مؤسسات، مشاريع أفقية، أموال ذاتية)
project-value-project_unit_higher_education = مؤسسة تعليم عالٍ
project-value-project_unit_research_institute = مؤسسة بحث علمي
project-value-project_unit_medical = مؤسسة طبية وصحية
project-value-project_unit_enterprise = مؤسسة تجارية
project-value-project_unit_other = جهة أخرى
project-value-project_discipline_mathematics = الرياضيات
project-value-project_discipline_physics = الفيزياء
project-value-project_discipline_other = تخصص آخر

## ---- IP pledges (issue 15; portal/pledges.rs) ----
nav-pledges = الرهون
nav-pledge-register = سجل الرهون
agency-ip-office = الإدارة الوطنية للملكية الفكرية في الصين (تسجيل رهن الملكية الفكرية، بكين)
pledges-heading = رهون الملكية الفكرية
pledges-intro = تُرهن براءة الاختراع أو العلامة التجارية مقابل قرض حين يوقّع صاحب الحق والمُقرض كلاهما على الطلب ويسجله مكتب الملكية الفكرية. لا يفك الرهن إلا المرتهن، أو مكتب الملكية الفكرية بأمر من المحكمة.
pledges-count = { $count ->
    [zero] لا توجد رهون بعد
    [one] رهن واحد
    [two] رهنان
    [few] { $count } رهون
    [many] { $count } رهنًا
   *[other] عدد الرهون: { $count }
}
pledge-right = الحق
pledge-pledgor = الراهن (صاحب الحق)
pledge-pledgee = المرتهن (المُقرض)
pledge-state = الحالة
pledge-applied-on = تاريخ الطلب
pledge-kind = نوع الحق
pledge-kind-patent = براءة اختراع
pledge-kind-trademark = علامة تجارية
pledge-number = رقم التسجيل
pledge-waiting-you = بانتظارك
pledge-state-applied = بانتظار توقيع الطرف الآخر
pledge-state-signed = وقّعه الطرفان، بانتظار التسجيل
pledge-state-registered = مسجل
pledge-state-refused = مرفوض
pledge-state-released = مفكوك
pledge-apply-heading = طلب تسجيل رهن
pledge-apply-help-pledgee = توقّع أولًا بصفتك صاحب الحق؛ ثم يوقّع المُقرض، ثم يسجل مكتب الملكية الفكرية الرهن.
pledge-apply-help-pledgor = توقّع أولًا بصفتك المُقرض؛ ثم يوقّع صاحب الحق، ثم يسجل مكتب الملكية الفكرية الرهن.
pledge-counterparty-pledgee = اسم مستخدم المُقرض
pledge-counterparty-pledgor = اسم مستخدم صاحب الحق
pledge-counterparty-hint-pledgee = حساب المصرف أو المؤسسة المالية الأخرى التي تُقرض بضمان الحق.
pledge-counterparty-hint-pledgor = حساب المؤسسة أو الشخص صاحب الحق.
pledge-secured-amount = المبلغ المضمون (يوان، اختياري)
pledge-apply-send = وقّع وقدّم الطلب
pledge-amount = المبلغ المضمون (يوان)
pledge-heading = رهن ملكية فكرية
pledge-you = أنت
pledge-authority = جهة التسجيل
pledge-public-link = هذا الحق في سجل الرهون العام
pledge-steps = الخطوات
pledge-step-applied-by-pledgor = قدّمه الراهن ووقّعه في { $date }
pledge-step-applied-by-pledgee = قدّمه المرتهن ووقّعه في { $date }
pledge-log-entry = (مدخل السجل { $index })
pledge-step-countersigned = وقّعه { $by } في { $date }
pledge-step-registered = سجّله { $by } في { $date }
pledge-step-refused = رفضه { $by } في { $date }
pledge-step-released = فكّه { $by } في { $date }
pledge-step-released-by-order = فكّه { $by } في { $date } بأمر المحكمة { $order }
pledge-next-countersign = الخطوة التالية: يوقّع الطرف الآخر.
pledge-next-register = الخطوة التالية: يسجل مكتب الملكية الفكرية الرهن أو يرفضه.
pledge-next-release-pledgor = لا يفك هذا الرهن إلا المرتهن (أو مكتب الملكية الفكرية بأمر من المحكمة).
pledge-countersign-heading = التوقيع على الطلب
pledge-countersign-help = بتوقيعك تنضم إلى الطلب بصفتك الطرف الآخر؛ ثم يسجل مكتب الملكية الفكرية الرهن أو يرفضه.
pledge-countersign-send = وقّع
pledge-decide-heading = التسجيل أو الرفض
pledge-register-send = سجّل الرهن
pledge-refuse-reason = سبب الرفض
pledge-refuse-send = ارفض
pledge-release-heading = فك الرهن
pledge-release-reason = السبب (مثلًا: سُدد القرض)
pledge-release-send = فك الرهن
pledge-order-heading = فك الرهن بأمر من المحكمة
pledge-order-help = لا يفك مكتب الملكية الفكرية رهنًا دون المرتهن إلا بأمر من المحكمة، ويُقيَّد مرجعه في السجل.
pledge-court-order = مرجع أمر المحكمة
pledge-order-send = فك الرهن بهذا الأمر
pledge-status-heading = سجل الرهون العام
pledge-status-intro = هل براءة الاختراع أو العلامة التجارية مرهونة، ولمن، ومنذ متى، كما تقيدها جهة التسجيل. لا تظهر الطلبات التي لم تُسجل بعد.
pledge-status-send = ابحث
pledge-status-pledged = مرهونة لصالح { $pledgee } منذ { $date }.
pledge-status-not-pledged = غير مرهونة.
pledge-status-history = الرهون المسجلة على هذا الحق
pledge-registered-on = تاريخ التسجيل
pledge-released-on = تاريخ الفك
pledge-log = مداخل السجل
## ---- innovation vouchers (issue 15; 001 §28) ----
nav-vouchers = القسائم
vouchers-heading = قسائم الابتكار
vouchers-intro = قسائم الابتكار في بكين وتيانجين وخبي معترف بها في المناطق الثلاث: تتقدم المنشأة إلى جهة منطقتها وتستخدم القسيمة لدى مقدمي الخدمات في أي منها (السياسات والتدابير، البند 28).
voucher-settlement-heading = التسوية
voucher-apply-heading = طلب قسيمة
voucher-apply-help = تتحقق القاعدة من الطلب فورًا؛ ويُحال الطلب المستوفي إلى الجهة التي تصدر القسيمة أو ترفضها.
voucher-apply-why = السبب بحسب القاعدة
voucher-apply-region = الجهة المقدَّم إليها
voucher-amount = المبلغ (يوان)
voucher-purpose = الغرض
voucher-apply-facts = عن المنشأة
voucher-fact-registration_region = مكان تسجيل المنشأة
voucher-fact-is_tech_sme = مسجلة هذا العام كمنشأة صغيرة ومتوسطة تقنية
voucher-unknown = غير محدد
voucher-yes = نعم
voucher-no = لا
voucher-apply-send = تقديم الطلب
voucher-applications-heading = الطلبات
voucher-applicant = المنشأة
voucher-region = المنطقة
voucher-status = الحالة
voucher-decision = القرار
voucher-decided-by = { $by }، { $date }
voucher-open = فتح القسيمة
voucher-expires = صالحة حتى
voucher-note = ملاحظة
voucher-issue = إصدار القسيمة
voucher-refuse-reason = سبب الرفض
voucher-refuse = رفض
voucher-none = لا يوجد بعد.
vouchers-list-heading = القسائم
voucher-value = القيمة
voucher-redeemed = المستخدَم
voucher-reserved = بانتظار مقدمي الخدمات
voucher-balance = الرصيد
voucher-redemptions-heading = عمليات الاستخدام
voucher-provider = مقدم الخدمة
voucher-service = الخدمة
voucher-confirm = تأكيد: قُدِّمت الخدمة
voucher-decline = رفض
voucher-heading = قسيمة ابتكار
voucher-issued-by = الجهة المُصدِرة
voucher-log-entry = قيد السجل
voucher-recognised = تُستخدم لدى مقدمي الخدمات في بكين وتيانجين وخبي.
voucher-redeem-heading = الاستخدام لدى مقدم خدمة
voucher-redeem-help = يُحجز المبلغ فورًا ويُخصم من القسيمة عندما يؤكد مقدم الخدمة تقديمها.
voucher-redeem-send = إرسال الطلب إلى مقدم الخدمة
voucher-no-providers = لا يوجد مقدم خدمة لديه حساب بعد.
voucher-withdraw = سحب
voucher-settlement-help = ما تدين به كل جهة مُصدِرة لكل مقدم خدمة عن الاستخدامات المؤكدة، شهريًا. الصفوف التي يعمل فيها مقدم الخدمة في منطقة أخرى هي الاعتراف المتبادل عمليًا.
voucher-month = الشهر
voucher-agency = الجهة المُصدِرة
voucher-all-agencies = جميع الجهات
voucher-show = عرض
voucher-csv = تنزيل بصيغة CSV
voucher-provider-region = منطقة مقدم الخدمة
voucher-count = عدد العمليات
voucher-owed = المستحق (يوان)
voucher-cross-region = بين المناطق
voucher-total = المجموع
voucher-settlement-none = لا توجد عمليات استخدام مؤكدة لهذا الاختيار.
voucher-region-beijing = بكين
voucher-region-tianjin = تيانجين
voucher-region-hebei = خبي
voucher-region-other_region = منطقة أخرى
voucher-application-status-pending = بانتظار قرار الجهة
voucher-application-status-issued = صدرت
voucher-application-status-refused = مرفوض
voucher-redemption-status-requested = بانتظار مقدم الخدمة
voucher-redemption-status-confirmed = مؤكد
voucher-redemption-status-declined = رفضه مقدم الخدمة
voucher-redemption-status-withdrawn = مسحوب
## ---- end of innovation vouchers ----
## --- issue 17: doubt is data; the sources, served (begin) ---
result-not-available = غير متاح بعد
result-not-available-hint = محسوب من رقم مؤقت: القاعدة التي تحدد الرقم الفعلي لم تُدرج بعد، فلا يمكن الاعتماد على هذا المبلغ.
result-uncertain = غير مؤكد
result-status-uncertain = السند القانوني لهذه الإجابة غير مؤكد
result-doubts = لماذا لم يتأكد ذلك
nav-sources = المصادر
sources-heading = الوثائق المصدرية
sources-intro = وثائق السياسات التي تستشهد بها كل القواعد، قسمًا قسمًا. كل استشهاد في البوابة يرتبط بقسمه هنا.
source-language-note = النص الإنجليزي المرفق بالقواعد؛ الأصل الصيني غير مرفق بعد.
source-section = القسم { $n }
source-back = كل الوثائق المصدرية
source-cited-by = التدابير التي تستشهد بهذه الوثيقة:
search-sources-heading = في الوثائق المصدرية
## --- issue 17 (end) ---
## ---- issue 16: notifications and the tracker ----
nav-notifications = الإشعارات
nav-unread = غير مقروءة: { $count }
nav-reach = مدى وصول التدابير
notifications-heading = الإشعارات
notifications-none = لا توجد إشعارات بعد. يقارن onestop ملفك بكل تدبير كلما تغيّر ملفك أو القواعد.
notifications-read-all = تعليم الكل كمقروء
notifications-unread = غير مقروء
notifications-emailed = أُرسل بالبريد الإلكتروني
notifications-apply = قدّم عبر النافذة الواحدة
notifications-case = افتح الملف
notifications-subscription = ما تريد أن يصلك
notifications-groups = مجموعات التدابير
notifications-email = البريد الإلكتروني (اتركه فارغًا لعدم الإرسال)
notifications-language = لغة الرسائل والموجز
notifications-save = حفظ
notifications-saved = تم الحفظ.
notifications-feed = موجزك (Atom):
notification-heading = إشعار
notification-explanation = السبب: الشرح
notification-no-explanation = لا شرح: لم يعد هذا التدبير ضمن القواعد السارية.
reach-heading = عدد مقدمي الطلبات الذين يشملهم كل تدبير
reach-live = القواعد السارية: تشغيل { $finished } على { $profiles } ملفًا ({ $evaluator })
reach-preview = المسودة { $label }: تشغيل { $finished } على { $profiles } ملفًا
reach-none = لم يجرِ أي تشغيل بعد.
reach-eligible = مؤهلون
reach-undetermined = غير محدد
reach-new = جديد، غير منشور
reach-entity = الجهة
tracker-due = الموعد
tracker-revised = معدَّل
tracker-updated = آخر تحديث
tracker-overdue-list = متأخرة
tracker-export = تصدير لجهة الإشراف (CSV)
tracker-history = السجل
tracker-no-history = لم يُسجَّل شيء بعد: الحالة من الفهرس.
tracker-record = تسجيل التقدم
tracker-status = الحالة
tracker-note = ما تم إنجازه
tracker-evidence = روابط الأدلة (رابط في كل سطر)
tracker-revised-completion = موعد الإنجاز المعدَّل
tracker-save = تسجيل
tracker-saved = تم التسجيل.
tracker-recorded-by = { $actor } ({ $agency })، { $at }
tracker-who-records = يسجّل التقدم موظفو: { $agencies }
progress-planned = مخطط
progress-in-progress = قيد التنفيذ
progress-completed = مكتمل
progress-ongoing = مستمر

## ---- issue 16: titles of the measures the tracker added ----
measure-talent-immigration-pilot-citywide = توسيع سياسات الهجرة التجريبية للمهنيين الأجانب إلى كل بكين
measure-enterprise-rd-centre-attraction = استقطاب مراكز البحث والتطوير والحاضنات ومقار الشركات متعددة الجنسيات إلى بكين
measure-gov-new-rd-institutions = مؤسسات بحث وتطوير جديدة من الطراز العالمي
measure-gov-bri-action-plan = خطة عمل بكين للابتكار العلمي والتقني في إطار الحزام والطريق
measure-gov-bri-incubator-consortium = اتحاد دولي للحاضنات ضمن الحزام والطريق
measure-gov-academic-exchange-platforms = منصات دولية للتبادل والتعاون الأكاديمي
measure-gov-achievement-transfer-regulations = لائحة بكين لتعزيز تطبيق الإنجازات العلمية
measure-gov-achievement-transfer-services = شبكات التنسيق والخدمات لتطبيق الإنجازات العلمية
measure-gov-innovation-funds = الدور التوجيهي لصناديق الابتكار العلمي والتقني
measure-gov-financial-services-opening = إصلاح الخدمات المالية وانفتاحها
measure-gov-internet-services-opening = انفتاح خدمات المعلومات على الإنترنت
measure-gov-business-culture-tourism = الارتقاء بالخدمات التجارية والثقافية والسياحية
measure-gov-education-opening = انفتاح الخدمات التعليمية
measure-gov-health-medical-services = الخدمات الصحية والطبية
measure-gov-airports-development = التنمية المشتركة لمطاري بكين الدوليين
measure-gov-digital-trade-zone = منطقة رائدة للتجارة الرقمية («حديقة واحدة ومنطقة واحدة»)
measure-gov-science-cities-transformation = تحويل الإنجازات في مدينتي العلوم المستقبلية وهوايرو
measure-gov-cloud-open-source-cluster = تجمع لتطبيقات الحوسبة السحابية والبرمجيات مفتوحة المصدر
measure-gov-fintech-demonstration = منطقة نموذجية لابتكار التكنولوجيا المالية
measure-gov-cultural-innovation = الابتكار الثقافي
measure-gov-culture-sports-tourism-tongzhou = الثقافة والرياضة والسياحة في تونغتشو
measure-gov-industrial-supply-chain = التنمية المنسقة لسلاسل الصناعة والإمداد
measure-gov-policy-linkage = ربط السياسات بمناطق التجارة الحرة التجريبية
measure-gov-cross-border-capital = تيسير تدفقات رؤوس الأموال عبر الحدود
measure-gov-land-and-technical-support = الدعم بالأراضي والدعم التقني

## ---- credit (issue 16) ----
nav-credit = الائتمان
credit-heading = ائتمان مؤسسات العلوم والتكنولوجيا
credit-intro = تقييم لكل مؤسسة علوم وتكنولوجيا مما تسجله onestop عنها، يُتاح لمؤسسة مالية فقط بموافقة المؤسسة.
credit-not-for-you = لا يرى التقييم الائتماني إلا المؤسسة نفسها والمؤسسة المالية التي وافقت لها ولجنة العلوم والتكنولوجيا.
credit-evaluation-of = التقييم الائتماني لـ { $name }
credit-as-of = بتاريخ
credit-the-rule = القاعدة ومصادرها
credit-grade = الوضع الائتماني
credit-grade-crc_credit_good = جيد
credit-grade-crc_credit_fair = متوسط
credit-grade-crc_credit_poor = ضعيف
credit-uncertain = النقاط والدرجات قراءة onestop الخاصة إلى أن تعتمد اللجنة نظام تقييم (موسومة بغير مؤكدة).
credit-uncertain-mark = غير مؤكد
credit-score = النقاط
credit-not-evaluated = لا تقييم في هذا التاريخ.
credit-records = ما تسجله onestop
credit-count-cases-approved = الطلبات الموافق عليها
credit-count-licences-valid = التراخيص الإلكترونية السارية
credit-count-licences-suspended = التراخيص الإلكترونية الموقوفة
credit-count-revocations = الموافقات أو التراخيص الملغاة
credit-count-vouchers-issued = قسائم الابتكار الصادرة
credit-count-vouchers-redeemed = قسائم الابتكار المستردة
credit-count-pledges-registered = رهون الملكية الفكرية القائمة
credit-count-pledges-released = رهون الملكية الفكرية المفكوكة
credit-count-milestones-overdue = مراحل المشاريع المتأخرة
credit-explanation = الشرح
credit-consents-heading = الموافقات للمؤسسات المالية
credit-consents-help = لا ترى المؤسسة المالية تقييمك إلا ما دامت موافقتك لها سارية. يمكنك سحبها في أي وقت، ويسري السحب فوراً.
credit-institution = المؤسسة المالية (اسم المستخدم)
credit-institution-hint = اسم المستخدم لمؤسسة مالية مسجلة.
credit-expires-on = اليوم الأخير (اختياري)
credit-give = منح الموافقة
credit-lookup = المؤسسة (اسم المستخدم)
credit-lookup-send = بحث
credit-consents-given-heading = المؤسسات التي منحتك موافقتها
credit-enterprise = المؤسسة
credit-granted-on = تاريخ المنح
credit-last-day = اليوم الأخير
credit-consent-state = الحالة
credit-no-expiry = حتى السحب
credit-revoked-on = تاريخ السحب
credit-live = سارية
credit-expired = منتهية
credit-revoke = سحب
credit-no-consents = لا موافقات بعد.
credit-no-consent-heading = لا موافقة
credit-no-consent = لم تمنحك { $enterprise } موافقتها على الاطلاع على تقييمها الائتماني، أو انتهت الموافقة أو سُحبت. اطلب من المؤسسة منحك موافقتها في onestop.
## ---- end of credit ----
## ---- consultation (issue 16) ----
nav-consultation = الاستشارات
consult-heading = اسأل الجهة المختصة
consult-intro = اسأل الجهة المسؤولة عن أحد التدابير بأي من اللغات الست. تجيب الجهة خلال { $days } يوم عمل مع الاستشهاد بالوثائق، ويمكنها نشر الإجابة في الأسئلة والأجوبة الخاصة بالتدبير.
consult-faq-heading = الأسئلة والأجوبة
consult-drafts-heading = مسودات التدابير المفتوحة لإبداء الآراء
consult-inbox-heading = الأسئلة الموجهة إلى { $agency }
consult-inbox-open = { $count ->
   *[other] عدد الأسئلة التي تنتظر الإجابة: { $count }
}
consult-asked-on = تاريخ السؤال
consult-question = السؤال
consult-due = موعد الإجابة
consult-provisional = (مؤقت: احتُسب عبر سنة لم يصدر لها إعلان العطلات)
consult-answered = تمت الإجابة
consult-in-faq = منشور في الأسئلة والأجوبة
consult-waiting = بانتظار الإجابة
consult-inbox-empty = لا توجد أسئلة بعد.
consult-ask-heading = اطرح سؤالًا
consult-language = اللغة
consult-lang-zh = 中文
consult-lang-en = English
consult-lang-ko = 한국어
consult-lang-ru = Русский
consult-lang-es = Español
consult-lang-ar = العربية
consult-ask = أرسل السؤال
consult-mine-heading = أسئلتي
consult-answered-on = أُجيب عنه في { $date }
consult-due-on = الإجابة مستحقة في { $date }
consult-mine-empty = لم تطرح أي سؤال بعد.
consult-applicants-only = يطرح الأسئلةَ مقدمو الطلبات (المؤسسات والمهنيون).
consult-sign-in = سجّل الدخول لطرح سؤال
consult-question-about = سؤال عن: { $measure }
consult-agency = الجهة
consult-answer = الإجابة
consult-answered-by = أجاب { $officer } ({ $agency }) في { $date }
consult-citations = المصادر المستشهد بها
consult-answer-heading = أجب عن السؤال
consult-answer-hint = استشهد بقسم واحد على الأقل من وثيقة مصدرية، مثل 000_abb21015abc8a560.txt §15(2)؛ يصبح الاستشهاد رابطًا إلى ذلك القسم.
consult-send-answer = أرسل الإجابة
consult-faq-withdraw = اسحب من الأسئلة والأجوبة
consult-faq-publish = انشر في الأسئلة والأجوبة
consult-faq-intro = أسئلة طرحها مقدمو الطلبات والإجابات التي اختارت الجهات نشرها.
consult-faq-search = ابحث في الأسئلة والأجوبة
consult-faq-all = كل الأسئلة والأجوبة
consult-answered-by-agency = أجابت { $agency } في { $date }
consult-faq-no-hits = لا توجد إجابة منشورة تطابق هذه الكلمات.
consult-faq-none = لم تُنشر أي إجابات بعد.
consult-ask-about = اسأل عن هذا التدبير
consult-drafts-intro = تنشر الجهات مسودات التدابير لاستطلاع آراء المؤسسات قبل اتخاذ القرار.
consult-draft-open-until = مفتوحة للآراء حتى { $date }
consult-draft-closed = انتهت فترة إبداء الآراء
consult-drafts-none = لم تُنشر أي مسودات بعد.
consult-draft-publish = انشر مسودة
consult-draft-title = العنوان
consult-draft-text = نص المسودة
consult-draft-days = فترة إبداء الآراء بأيام العمل (من { $min } إلى { $max })
consult-draft-period = فترة إبداء الآراء
consult-working-days = { $n } يوم عمل
consult-opinion-heading = أبدِ رأيك
consult-opinion = رأيك
consult-opinion-send = أرسل الرأي
consult-opinions-heading = الآراء الواردة ({ $count })
consult-opinions-none = لا توجد آراء بعد.
consult-draft-close = أغلق فترة إبداء الآراء
consult-new-answer = إجابة جديدة
consult-new-answers = { $count ->
   *[other] لديك إجابات جديدة: { $count }
}
## ---- end of consultation ----
## ---- statistics (issue 16) ----
nav-statistics = الإحصاءات
statistics-link = الرصد الإحصائي: الأرقام حسب الحي والمنتزه والقطاع و«المدن الثلاث والمنطقة الواحدة»
statistics-reforms-link = محاكاة الإصلاحات
statistics-heading = الرصد الإحصائي
statistics-intro = أرقام تستوردها الجهات، معروضة في رسوم بيانية حسب الحي ومنتزه تشونغقوانتسون الفرعي والقطاع و«المدن الثلاث والمنطقة الواحدة» (مدن تشونغقوانتسون وهوايرو والمستقبل العلمية ومنطقة التنمية الاقتصادية والتكنولوجية).
statistics-indicator = المؤشر
statistics-show = اعرض
statistics-none = لم يُستورد أي جدول إحصائي بعد.
statistics-by-district = حسب الحي
statistics-by-park = حسب منتزه تشونغقوانتسون الفرعي
statistics-by-industry = حسب القطاع
statistics-by-area = حسب «المدن الثلاث والمنطقة الواحدة»
statistics-unit = الوحدة: { $unit }
statistics-periods = الفترات: { $periods }
statistics-where = المكان
statistics-import-heading = استيراد جدول
statistics-import-help = ملف CSV (UTF-8) أو Parquet بالأعمدة period و dimension و code و indicator و unit و value: رقم واحد في كل صف. يُرفض الجدول كله إذا كانت فيه أي مشكلة، مع ذكر صف كل مشكلة وعمودها.
statistics-file = ملف الجدول
statistics-import = استورد
statistics-imported = { $file }: حُفظ { $figures } رقمًا (استُبدل { $replaced }).
statistics-refused = رُفض { $file } ولم يُحفظ شيء. صحّح ما يلي ثم استورده من جديد:
statistics-row = الصف
statistics-column = العمود
statistics-problem = المشكلة
statistics-hint = تلميح
statistics-more = …و{ $count } مشكلات أخرى.
statistics-recent = آخر عمليات الاستيراد
statistics-figures = { $count } رقمًا
statistics-sign-in = يسجّل موظفو الجهات الدخول لاستيراد الجداول.
statistics-choose-file = اختر ملف الجدول (CSV أو Parquet) المراد استيراده.
## ---- end of statistics (issue 16) ----
## ---- application scenarios and instrument sharing (issue 16 item 4) ----
nav-scenarios = سيناريوهات التطبيق
nav-instruments = الأجهزة المشتركة
scenarios-heading = سيناريوهات التطبيق
scenarios-intro = تنشر الجهات بانتظام قوائم بمشاريع سيناريوهات التطبيق؛ وتقدّم المؤسسات حلولها خلال المدة المحددة، ثم تعلن الجهة الحلول المختارة.
scenarios-suggest-heading = سيناريوهات تناسب مؤسستك
scenarios-industry = القطاع
scenarios-capabilities = القدرات
scenarios-capabilities-hint = مفصولة بفواصل، مثل computer-vision, 5g
scenarios-suggest = اقترح سيناريوهات
scenarios-suggest-none = لا يوجد سيناريو مفتوح في هذا القطاع أو يطلب هذه القدرات.
scenarios-score = درجة التطابق { $score }
scenarios-why-industry = القطاع نفسه ({ $industry })
scenarios-why-capabilities = القدرات المطلوبة التي تملكها: { $capabilities }
scenarios-why-none = لا القطاع ولا أي من القدرات المطلوبة
scenarios-lists-heading = قوائم السيناريوهات
scenarios-count = { $count ->
    [zero] لا سيناريوهات
    [one] سيناريو واحد
    [two] سيناريوهان
    [few] { $count } سيناريوهات
   *[other] { $count } سيناريو
}
scenarios-open-until = تُقبل الحلول حتى { $date }
scenarios-closed = مغلقة
scenarios-results-published = نُشرت النتائج
scenarios-none = لم تُنشر أي قائمة سيناريوهات بعد.
scenarios-publish-heading = نشر قائمة سيناريوهات
scenarios-list-title = عنوان القائمة
scenarios-days = مدة التقديم بأيام العمل (من { $min } إلى { $max })
scenarios-scenario = السيناريو { $n }
scenarios-scenario-title = عنوان السيناريو
scenarios-need = ما المطلوب
scenarios-publish = انشر القائمة
scenarios-days-not-number = { $value } ليس عددًا صحيحًا من أيام العمل
scenarios-period = مدة التقديم
scenarios-submitted = لقد قدّمت حلًا لهذا السيناريو.
scenarios-solution = حلّك
scenarios-submit = قدّم الحل
scenarios-sign-in = سجّل الدخول بصفتك مؤسسة لتقديم حل
scenarios-solutions-heading = الحلول الواردة ({ $count })
scenarios-solutions-none = لا توجد حلول بعد.
scenarios-selected = مختار
scenarios-select = اختر هذا الحل
scenarios-publish-results = انشر النتائج (تُغلق القائمة)
scenarios-results-heading = النتائج
scenarios-results-none = لم يُختر أي حل.
instruments-heading = الأجهزة العلمية المشتركة
instruments-intro = تفتح الوحدات أجهزتها العلمية الكبيرة للآخرين: احجز أيام عمل، وتؤكد الوحدة الحجز، ويُدرج الاستخدام في تقرير المشاركة العلني للوحدة.
instruments-name = الجهاز
instruments-category = الفئة
instruments-location = الموقع
instruments-unit = الوحدة
instruments-fee = الرسم لكل يوم عمل
instruments-yuan = ¥{ $amount }
instruments-none = لم يُسجَّل أي جهاز بعد.
instruments-mine-heading = حجوزاتي
instruments-list-heading = تسجيل جهاز
instruments-my-report = تقرير المشاركة لوحدتي
instruments-rules = قواعد الاستخدام
instruments-fee-hint = باليوان، بخانتين عشريتين على الأكثر (يُحفظ بدقة بالفن)
instruments-list = سجّل الجهاز
instruments-held-heading = الأيام المحجوزة
instruments-held-none = لا توجد أيام محجوزة بعد.
instruments-book-heading = حجز أيام عمل
instruments-days = أيام العمل
instruments-days-hint = بصيغة YYYY-MM-DD مفصولة بفواصل؛ { $max } يومًا على الأكثر
instruments-purpose = الغرض
instruments-book = احجز
instruments-sign-in = سجّل الدخول لحجز هذا الجهاز
instruments-bookings-heading = حجوزات هذا الجهاز
instruments-bookings-none = لا توجد حجوزات بعد.
instruments-status-requested = بانتظار التأكيد
instruments-status-confirmed = مؤكَّد
instruments-status-refused = مرفوض
instruments-status-used = مُستخدَم، وقُدّم التقرير
instruments-usage = { $hours } ساعة استخدام
instruments-confirm = أكّد
instruments-refuse = ارفض
instruments-hours = ساعات الاستخدام
instruments-result = نتيجة الاستخدام
instruments-report-usage = أبلغ عن الاستخدام
instruments-report-heading = تقرير المشاركة: { $unit }
instruments-report-intro = الحجوزات المؤكدة وأيام الاستخدام والرسوم لكل جهاز من أجهزة الوحدة.
instruments-report-bookings = الحجوزات
instruments-report-days-booked = الأيام المحجوزة
instruments-report-days-used = أيام الاستخدام
instruments-report-fees = الرسوم (يوان)
instruments-total = المجموع
## ---- end of application scenarios and instrument sharing ----

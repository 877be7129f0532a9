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

# عناوين التدابير (المعرّفات مأخوذة من catalog/measures.toml، وتُستبدل النقاط بشرطات).
measure-talent-category-a-fast-track = إصدار تصريح عمل الأجانب من الفئة (أ) وتصريح الإقامة لغرض العمل خلال سبعة أيام عمل
measure-talent-one-window = مراكز الخدمة الموحدة للمهنيين الأجانب
measure-talent-pension-extension = تمديد دفع اشتراكات التأمين التقاعدي للكفاءات الأجنبية رفيعة المستوى
measure-talent-commercial-insurance = التأمين التجاري التقاعدي والطبي للكفاءات الأجنبية المستقدَمة
measure-talent-permanent-resident-startup = المعاملة الوطنية للمقيمين الدائمين الأجانب المؤسسين لشركات ناشئة في مجال العلوم والتكنولوجيا
measure-talent-overseas-qualification = الاعتراف بالمؤهلات المهنية والخبرات المكتسبة في الخارج
measure-talent-fx-facilitation = تيسير معاملات النقد الأجنبي للكفاءات رفيعة المستوى القادمة من الخارج
measure-talent-outbound-exchange = تيسير سفر الباحثين إلى الخارج لأغراض التبادل الأكاديمي
measure-talent-flexible-pay = نظام أجور مرن للكفاءات رفيعة المستوى المكلفة بمهام استراتيجية كبرى
measure-talent-title-review = تولّي المؤسسات تقييم الألقاب المهنية لمنتسبيها بنفسها
measure-talent-international-award = جائزة التعاون الدولي للمهنيين الأجانب
measure-enterprise-high-tech-filing = الاعتراف بالمؤسسات عالية التقنية وفق مبدأ «الموافقة بمجرد الإخطار»
measure-enterprise-high-tech-bth-recognition = الاعتراف المتبادل بصفة المؤسسة عالية التقنية في بكين وتيانجين وخبي
measure-enterprise-tech-transfer-tax = رفع حد إعفاء دخل نقل التكنولوجيا إلى 20 مليون يوان في تشونغقوانتسون
measure-enterprise-corporate-vc-tax = الإعفاء من ضريبة دخل المؤسسات لشركات رأس المال الاستثماري
measure-enterprise-rd-super-deduction = الخصم الإضافي لنفقات البحث والتطوير
measure-enterprise-rd-vehicle-import = الإدخال المؤقت لمركبات اختبار البحث والتطوير لمدة تصل إلى عامين
measure-enterprise-clinical-sample-import = تيسير استيراد عينات التجارب السريرية للأدوية المبتكرة
measure-enterprise-advanced-service-provider = مؤسسات الخدمات المتقدمة تكنولوجيًا: نطاق أوسع ومدة اعتماد أطول
measure-enterprise-innovation-voucher = الاعتراف المتبادل بقسائم الابتكار في بكين وتيانجين وخبي
measure-enterprise-first-set-equipment = الشراء الأول أو الطلب الأول للمعدات التقنية الكبرى من الوحدة (المجموعة) الأولى
measure-enterprise-credit-risk-compensation = تعويض مخاطر الائتمان ودعم فوائد القروض لمؤسسات التكنولوجيا
measure-enterprise-ip-pledge = تسجيل رهن الملكية الفكرية والتمويل بضمان رهنها
measure-enterprise-ip-insurance = تعويض المخاطر ودعم أقساط تأمين الملكية الفكرية
measure-enterprise-overseas-ip = دعم طلبات البراءات وفق معاهدة التعاون بشأن البراءات (PCT) والعلامات التجارية وفق نظام مدريد والتصاميم الصناعية وفق نظام لاهاي
measure-enterprise-mnc-rd-centre = دعم مراكز البحث والتطوير الممولة من الخارج أسوة بالمقرات الإقليمية للشركات متعددة الجنسيات
measure-enterprise-medical-device-bth = السماح لمسجلي الأجهزة الطبية في بكين بالتعاقد على تصنيعها لدى مؤسسات في تيانجين وخبي
measure-enterprise-relocation = نقل مؤسسة تكنولوجية بين المناطق الإدارية في إجراء واحد
measure-enterprise-maker-space = إعانات ومكافآت لمساحات المبدعين وقواعد ريادة الأعمال
measure-project-budget-adjustment = تعديل ميزانيات المشاريع البحثية من قِبل الجهة المنفذة
measure-project-indirect-cost-cap = تكاليف غير مباشرة تصل إلى 30% (60% للرياضيات والفيزياء) في المشاريع التجريبية
measure-project-all-in-expenses = تجربة نظام التمويل الإجمالي المقطوع لمشاريع البحوث الأساسية
measure-project-inspection-exemption = الإعفاء من التفتيش المرحلي للمشاريع التي تقل مدتها عن ثلاث سنوات
measure-project-one-time-submission = تقديم مستندات المشاريع البحثية إلكترونيًا ولمرة واحدة
measure-project-internal-audit = اعتماد تقارير التدقيق الداخلي في التقييم النهائي للمشاريع
measure-project-procurement = تسريع شراء الأجهزة والمعدات البحثية
measure-project-liability-exemption = الإعفاء من المسؤولية عن إخفاق البحث الاستكشافي الذي بُذلت فيه العناية الواجبة
measure-project-achievement-ownership = منح الباحثين ملكية نتائجهم العلمية أو حق استخدامها على المدى الطويل
measure-gov-measure-tracker = متابعة تنفيذ كل تدبير
measure-gov-multilingual-platform = منصة إلكترونية متعددة اللغات لخدمات الابتكار العلمي والتكنولوجي
measure-gov-application-scenarios = قائمة دورية بمشاريع سيناريوهات التطبيق
measure-gov-statistical-monitoring = الرصد الإحصائي لـ«المدن الثلاث والمنطقة الواحدة»
measure-gov-instrument-sharing = تقاسم الأجهزة البحثية والمرافق العلمية الكبرى
measure-gov-e-license-ledger = التراخيص الإلكترونية القائمة على سلسلة الكتل وتسجيل بيانات التجارة العابرة للحدود على السلسلة
measure-gov-policy-reform-simulation = أثر تغيير عتبة في السياسة: قبل التغيير وبعده

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

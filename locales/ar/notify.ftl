# الإشعارات (crates/notify): يقولها صندوق الوارد والبريد الإلكتروني والموجز.
notify-eligible = قد تكون مؤهلًا الآن: { $measure }
notify-lost-not_eligible = لم تعد مؤهلًا: { $measure }
notify-lost-undetermined = يلزم مزيد من المعلومات للبت: { $measure }
notify-lost-withdrawn = لم يعد هذا الإجراء ضمن القواعد: { $measure }
notify-deadline-case = موعد البت قبل { $date }: { $kind }
notify-deadline-reminder = يستحق في { $date }: { $what }
notify-intro = قارن onestop ملفك بالقواعد السارية في { $date }.
notify-why = السبب (الشرح): { $url }
notify-apply = قدّم الطلب عبر النافذة الواحدة: { $url }
notify-case = ملفك: { $url }
notify-footer = تصلك هذه الرسالة لأنك اخترت هذه المجموعات: { $groups }. غيّر اختيارك: { $url }
notify-subject = onestop: { $title }
notify-feed-title = إشعارات onestop لـ { $name }
notify-group-talent = المواهب
notify-group-enterprise = المؤسسات
notify-group-project = المشاريع البحثية
notify-group-gov = الخدمات الحكومية

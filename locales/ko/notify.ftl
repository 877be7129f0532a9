# 알림(crates/notify): 받은 알림함, 이메일, 피드가 이 문장을 씁니다.
notify-eligible = 이제 대상이 될 수 있습니다: { $measure }
notify-lost-not_eligible = 더 이상 대상이 아닙니다: { $measure }
notify-lost-undetermined = 판단하려면 추가 정보가 필요합니다: { $measure }
notify-lost-withdrawn = 더 이상 규칙에 없는 조치입니다: { $measure }
notify-deadline-case = { $date }까지 처리 예정: { $kind }
notify-deadline-reminder = { $date } 기한: { $what }
notify-intro = onestop이 { $date } 시행 규칙으로 귀하의 프로필을 비교했습니다.
notify-why = 이유(설명): { $url }
notify-apply = 원스톱 창구에서 신청: { $url }
notify-case = 귀하의 사건: { $url }
notify-footer = 선택하신 분야 때문에 이 알림을 받습니다: { $groups }. 선택 변경: { $url }
notify-subject = onestop: { $title }
notify-feed-title = { $name }님을 위한 onestop 알림
notify-group-talent = 인재
notify-group-enterprise = 기업
notify-group-project = 연구 과제
notify-group-gov = 정부 서비스

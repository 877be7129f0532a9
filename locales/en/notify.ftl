# Notifications (crates/notify): the inbox, the e-mail and the feed say these.
notify-eligible = You may now be eligible: { $measure }
notify-lost-not_eligible = No longer eligible: { $measure }
notify-lost-undetermined = More facts are needed to decide: { $measure }
notify-lost-withdrawn = No longer in the rules: { $measure }
notify-deadline-case = Decision due by { $date }: { $kind }
notify-deadline-reminder = Due on { $date }: { $what }
notify-intro = onestop compared your profile with the rules in force on { $date }.
notify-why = Why (the explanation): { $url }
notify-apply = Apply through the one window: { $url }
notify-case = Your case: { $url }
notify-footer = You receive this because you chose these groups: { $groups }. Change your choices: { $url }
notify-subject = onestop: { $title }
notify-feed-title = onestop notifications for { $name }
notify-group-talent = Talent
notify-group-enterprise = Enterprises
notify-group-project = Research projects
notify-group-gov = Government services
